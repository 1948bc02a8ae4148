import { AccessSkeleton } from "@/components/access/access-skeleton";

export default function Loading() {
  return <AccessSkeleton />;
}
