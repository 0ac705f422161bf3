import {
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import type { ReactNode } from "react";
import { EmptyState } from "./states.tsx";

export interface Column<Row> {
  title: string;
  cell: (row: Row) => ReactNode;
  /** Figures: aligned to the end, in tabular digits. */
  numeric?: boolean;
}

/**
 * A table of rows under column headings, or a sentence when there are none: the one way a page lists records.
 */
export function DataTable<Row>({
  columns,
  rows,
  rowKey,
  empty,
  label,
}: {
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  empty: string;
  /** What the table is, for the scrolling box's name (the first column's title when not given). */
  label?: string;
}) {
  if (!rows.length)
    return (
      <EmptyState>
        <Paragraph>{empty}</Paragraph>
      </EmptyState>
    );
  // A table wider than a phone scrolls inside its own box (keyboard too), the page never sideways (WCAG 1.4.10).
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a box that scrolls must take the keyboard's focus to be scrolled by it (WCAG 2.1.1)
    <section className="samen-scroll" tabIndex={0} aria-label={label ?? columns[0]?.title ?? ""}>
      <Table className="samen-table">
        <TableHeader>
          <TableRow>
            {columns.map((c) => (
              <TableHeaderCell key={c.title} scope="col" className={c.numeric ? "samen-number" : undefined}>
                {c.title}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={rowKey(row)}>
              {columns.map((c) => (
                <TableCell key={c.title} className={c.numeric ? "samen-number" : undefined}>
                  {c.cell(row)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}
