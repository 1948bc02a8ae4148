import { notFound } from "next/navigation";
import { PromotionDetailView } from "@/components/governance/promotion-detail";
import { PromotionEvidence } from "@/components/governance/promotion-evidence";
import { requirePageUser } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { getPromotion } from "@/lib/governance/queries";
import { orNotFound } from "@/lib/not-found";
import { uuidSchema } from "@/lib/governance/schemas";

export const metadata = { title: "Promotion request" };

async function load(id: string) {
  if (!uuidSchema.safeParse(id).success) notFound();
  return orNotFound(async () => getPromotion(await getDb(), id));
}

export default async function PromotionPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser();
  const promotion = await load((await params).id);
  return (
    <>
      <PromotionDetailView initial={promotion} viewer={{ email: user.email, roles: user.roles }} />
      <PromotionEvidence db={await getDb()} promotion={promotion} />
    </>
  );
}
