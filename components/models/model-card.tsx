import Markdown, { type Components } from "react-markdown";
import rehypeSanitize from "rehype-sanitize";
import remarkGfm from "remark-gfm";

/**
 * A model card is written by whoever registers the version, through the API: untrusted. Raw HTML
 * in it is dropped (react-markdown without rehype-raw), and rehype-sanitize's GitHub schema then
 * strips anything left that could run (javascript: URLs, event handlers, clobbering ids).
 * Rendered on the server: no script from a card ever reaches the browser.
 */
const COMPONENTS: Components = {
  h1: (props) => <h3 className="mt-4 mb-2 text-lg font-semibold first:mt-0" {...props} />,
  h2: (props) => <h4 className="mt-4 mb-1.5 font-semibold" {...props} />,
  h3: (props) => <h5 className="mt-3 mb-1 font-medium" {...props} />,
  p: (props) => <p className="my-2 leading-relaxed" {...props} />,
  ul: (props) => <ul className="my-2 list-disc pl-5" {...props} />,
  ol: (props) => <ol className="my-2 list-decimal pl-5" {...props} />,
  a: (props) => <a className="text-indigo-700 underline dark:text-indigo-300" rel="noopener noreferrer nofollow" {...props} />,
  code: (props) => <code className="rounded bg-zinc-100 px-1 text-[0.9em] dark:bg-zinc-800" {...props} />,
  // Focusable, so that a keyboard can scroll a long line into view.
  pre: (props) => <pre tabIndex={0} className="my-2 overflow-x-auto rounded-md bg-zinc-100 p-2 text-xs dark:bg-zinc-900" {...props} />,
  table: (props) => <table className="my-2 w-auto text-left text-sm" {...props} />,
  th: (props) => <th className="border-b border-zinc-200 px-2 py-1 font-medium dark:border-zinc-700" {...props} />,
  td: (props) => <td className="tabular border-b border-zinc-100 px-2 py-1 dark:border-zinc-800" {...props} />,
  blockquote: (props) => <blockquote className="my-2 border-l-2 border-zinc-300 pl-3 text-zinc-600 dark:border-zinc-700 dark:text-zinc-400" {...props} />,
};

export function ModelCard({ markdown }: { markdown: string | null }) {
  return (
    <section aria-labelledby="card-heading" className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <h2 id="card-heading" className="mb-3 text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
        Model card
      </h2>
      {markdown?.trim() ? (
        <div data-testid="model-card" className="text-zinc-800 dark:text-zinc-200">
          <Markdown remarkPlugins={[remarkGfm]} rehypePlugins={[rehypeSanitize]} components={COMPONENTS}>
            {markdown}
          </Markdown>
        </div>
      ) : (
        <p className="text-zinc-500 dark:text-zinc-400">
          This version has no model card. Promotion requires one: register a new version with <code>model_card</code> set.
        </p>
      )}
    </section>
  );
}
