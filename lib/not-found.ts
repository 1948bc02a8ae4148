import "server-only";
import { notFound } from "next/navigation";
import { NotFound } from "@/lib/errors";

/** What a page reads, or the page's not-found view when the domain says the thing does not exist. */
export async function orNotFound<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof NotFound) notFound();
    throw error;
  }
}

/** What part of a page reads, or null when the domain says it does not exist (the part says so in words). */
export async function orNull<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof NotFound) return null;
    throw error;
  }
}
