import { Activity } from "lucide-react";
import Link from "next/link";
import { connection } from "next/server";
import { publicOrigin } from "@/lib/api/client-ip";
import { openApiDocument } from "@/lib/openapi/document";

export const metadata = { title: "API" };

const METHOD_STYLES: Record<string, string> = {
  get: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-300",
  post: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  put: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
  patch: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
  delete: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
};

interface RenderedOperation {
  summary: string;
  description: string;
  tags: string[];
  parameters: { name: string; in: string; required: boolean }[];
  requestBody?: { content: { "application/json": { schema: unknown } } };
  responses: Record<string, unknown>;
}

/** The OpenAPI document, readable by a person: grouped by area, with each body's schema. */
export default async function ApiDocsPage() {
  // Rendered per request, so the origin is the running server's NEXTAUTH_URL, not the build's.
  await connection();
  const doc = await openApiDocument(publicOrigin());
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods as Record<string, RenderedOperation>).map(([method, op]) => ({ path, method, op })),
  );
  const tags = [...new Set(operations.map((o) => o.op.tags[0]))];
  return (
    <main className="mx-auto max-w-5xl px-6 py-8">
      <div className="flex items-center gap-2 text-lg font-semibold">
        <Activity className="size-5 text-indigo-600 dark:text-indigo-400" aria-hidden /> Plumbline API
      </div>
      <p className="mt-1 text-zinc-600 dark:text-zinc-400">
        JSON over HTTP under <code>{doc.servers[0].url}</code>. Machines authenticate with <code>Authorization: Bearer &lt;key&gt;</code>; people with their
        session. The machine-readable document is{" "}
        <Link className="text-indigo-700 hover:underline dark:text-indigo-300" href="/api/v1/openapi.json">
          /api/v1/openapi.json
        </Link>{" "}
        (OpenAPI 3.1).
      </p>
      {tags.map((tag) => (
        <section key={tag} aria-labelledby={`tag-${tag}`} className="mt-8">
          <h2 id={`tag-${tag}`} className="mb-2 font-medium">
            {tag}
          </h2>
          <ul className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
            {operations
              .filter((o) => o.op.tags[0] === tag)
              .map(({ path, method, op }) => (
                <li key={method + path} className="px-3 py-2">
                  <details>
                    <summary className="flex cursor-pointer items-center gap-3">
                      <span className={`w-14 rounded px-1.5 py-0.5 text-center font-mono text-xs font-semibold uppercase ${METHOD_STYLES[method]}`}>
                        {method}
                      </span>
                      <code className="font-mono text-sm">{path}</code>
                      <span className="truncate text-zinc-600 dark:text-zinc-400">{op.summary}</span>
                    </summary>
                    <div className="mt-2 space-y-2 pl-[4.25rem] text-zinc-700 dark:text-zinc-300">
                      <p>{op.description}</p>
                      {op.parameters.length > 0 && (
                        <p>
                          Parameters:{" "}
                          {op.parameters.map((p) => (
                            <code key={p.in + p.name} className="mr-2">
                              {p.name}
                              {p.required ? "" : "?"} ({p.in})
                            </code>
                          ))}
                        </p>
                      )}
                      {op.requestBody && (
                        <pre className="max-h-80 overflow-auto rounded bg-zinc-50 p-2 text-xs dark:bg-zinc-900">
                          {JSON.stringify(op.requestBody.content["application/json"].schema, null, 2)}
                        </pre>
                      )}
                    </div>
                  </details>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </main>
  );
}
