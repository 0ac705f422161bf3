import ReactMarkdown, { type Components } from "react-markdown";

/**
 * Markdown people write (catalogue answers, progress updates), shown safely: raw HTML in the text is shown as text (never parsed),
 * unsafe link targets (javascript:, data:) are dropped, and headings fit under the page's own headings.
 */
const components: Components = {
  h1: ({ node: _node, ...props }) => <h3 className="utrecht-heading-3" {...props} />,
  h2: ({ node: _node, ...props }) => <h3 className="utrecht-heading-3" {...props} />,
  h3: ({ node: _node, ...props }) => <h4 className="utrecht-heading-4" {...props} />,
  a: ({ node: _node, ...props }) => <a className="utrecht-link" rel="noopener noreferrer nofollow" {...props} />,
  img: ({ node: _node, alt }) => <span>{alt}</span>,
};

export function Markdown({ children }: { children: string }) {
  return (
    <div className="samen-markdown">
      <ReactMarkdown components={components}>{children}</ReactMarkdown>
    </div>
  );
}

/** Text with search matches between U+0001 and U+0002, shown with <mark>; everything else stays text. */
export function Highlighted({ text }: { text: string }) {
  const parts: React.ReactNode[] = [];
  let rest = text;
  let n = 0;
  while (rest.length) {
    const start = rest.indexOf("\u0001");
    if (start < 0) {
      parts.push(rest);
      break;
    }
    const end = rest.indexOf("\u0002", start);
    if (start > 0) parts.push(rest.slice(0, start));
    const marked = rest.slice(start + 1, end < 0 ? undefined : end);
    parts.push(<mark key={n++}>{marked}</mark>);
    rest = end < 0 ? "" : rest.slice(end + 1);
  }
  return <>{parts}</>;
}
