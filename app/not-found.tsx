import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center gap-2 text-center">
      <h1 className="text-lg font-semibold">Not found</h1>
      <p className="text-zinc-600 dark:text-zinc-400">There is nothing at this address.</p>
      <Link href="/" className="text-indigo-700 hover:underline dark:text-indigo-300">
        Back to the overview
      </Link>
    </main>
  );
}
