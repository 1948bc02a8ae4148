import { notFound } from "next/navigation";
import { PromotionDetailView } from "@/components/governance/promotion-detail";
import { PromotionEvidence } from "@/components/governance/promotion-evidence";
import { CrumbLabel } from "@/components/shell/crumb-labels";
import { requirePageUser } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { getPromotion } from "@/lib/governance/queries";
import { orNotFound } from "@/lib/not-found";
import { Prefetched, seed } from "@/lib/pages/prefetch";
import { promotionQuery } from "@/components/governance/query-options";
import { uuidSchema } from "@/lib/governance/schemas";

export const metadata = { title: "Promotion request" };

async function load(id: string) {
  if (!uuidSchema.safeParse(id).success) notFound();
  return orNotFound(async () => getPromotion(await getDb(), id));
}

export default async function PromotionPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser();
  const promotion = await load((await params).id);
  const production = promotion.comparison.production?.version;
  const replacing = production ? `, ${promotion.status === "executed" ? "replaced" : "replacing"} ${production}` : "";
  return (
    <>
      <CrumbLabel segment={promotion.id} label={`${promotion.model} ${promotion.version} → ${promotion.target_stage}${replacing}`} />
      <Prefetched seeds={[seed(promotionQuery(promotion.id), promotion)]}>
        <PromotionDetailView id={promotion.id} viewer={{ email: user.email, roles: user.roles }} />
      </Prefetched>
      <PromotionEvidence db={await getDb()} promotion={promotion} />
    </>
  );
}
