export { ListSkeleton as default } from "@/components/incidents/list-skeleton";
