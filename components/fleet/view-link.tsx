"use client";

/**
 * A link to another view of the same page (a filter in the URL): a real link, so it opens in a new
 * tab and can be copied, but a plain click only pushes the address, which the page reads at once
 * through useSearchParams, without asking the server for the page again.
 */
export function ViewLink({ href, className, children, ...props }: React.AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  return (
    <a
      href={href}
      className={className}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        window.history.pushState(null, "", href);
      }}
      {...props}
    >
      {children}
    </a>
  );
}
