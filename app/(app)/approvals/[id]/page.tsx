import { notFound } from "next/navigation";
import { PromotionDetailView } from "@/components/governance/promotion-detail";
import { PromotionEvidence } from "@/components/governance/promotion-evidence";
import { promotionQuery } from "@/components/governance/query-options";
import { ApiError } from "@/lib/api/errors";
import { requirePageUser } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { getPromotion } from "@/lib/governance/queries";
import { Prefetched, seed } from "@/lib/pages/prefetch";
import { uuidSchema } from "@/lib/governance/schemas";

export const metadata = { title: "Promotion request" };

async function load(id: string) {
  if (!uuidSchema.safeParse(id).success) notFound();
  try {
    return await getPromotion(await getDb(), id);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) notFound();
    throw error;
  }
}

export default async function PromotionPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser();
  const promotion = await load((await params).id);
  return (
    <>
      <Prefetched seeds={[seed(promotionQuery(promotion.id), promotion)]}>
        <PromotionDetailView id={promotion.id} viewer={{ email: user.email, roles: user.roles }} />
      </Prefetched>
      <PromotionEvidence db={await getDb()} promotion={promotion} />
    </>
  );
}
