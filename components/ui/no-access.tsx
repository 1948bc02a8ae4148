import { Lock } from "lucide-react";
import { EmptyState } from "./empty-state";

export function NoAccess({ what }: { what: string }) {
  return (
    <EmptyState icon={Lock} title="You do not have access to this page">
      {what} Ask an admin if you need it.
    </EmptyState>
  );
}
