import { dehydrate, HydrationBoundary, QueryClient, type DataTag, type QueryKey } from "@tanstack/react-query";

/** One read the server page has already made, under the key the client's query options use. */
export type Seed = readonly [QueryKey, unknown];

/** Pairs a read's query options with the value the server read for it; the types must agree. */
export function seed<T>(options: { queryKey: DataTag<QueryKey, T, Error> }, value: T): Seed {
  return [options.queryKey, value];
}

/**
 * A server page's reads, handed to the client's cache: the client components ask for the same
 * query options and find the answer there, so the first paint needs no request of its own.
 */
export function Prefetched({ seeds, children }: { seeds: Seed[]; children: React.ReactNode }) {
  const client = new QueryClient();
  for (const [key, value] of seeds) client.setQueryData(key, value);
  return <HydrationBoundary state={dehydrate(client)}>{children}</HydrationBoundary>;
}
