import { ApprovalsView } from "@/components/governance/approvals-view";
import { promotionsQuery, reviewsQuery } from "@/components/governance/query-options";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser, userCan } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { listPromotions, listReviews } from "@/lib/governance/queries";
import { Prefetched, seed } from "@/lib/pages/prefetch";

export const metadata = { title: "Approvals" };

export default async function ApprovalsPage() {
  const user = await requirePageUser();
  const db = await getDb();
  const [promotions, reviews] = await Promise.all([listPromotions(db), listReviews(db)]);
  return (
    <>
      <PageHeader
        title="Approvals"
        description="Promotion requests waiting for a decision, break-glass rollbacks awaiting review, and what was decided recently."
      />
      <Prefetched seeds={[seed(promotionsQuery(), promotions), seed(reviewsQuery(), reviews)]}>
        <ApprovalsView viewer={{ email: user.email, roles: user.roles }} canAcknowledge={userCan(user, "gate.waive")} />
      </Prefetched>
    </>
  );
}
