"use client";

import * as React from "react";
import { ChevronDown, ChevronRight, Receipt } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { Invoice } from "@/lib/queries/billing/types";
import { cpu, money, num, periodLabel } from "./format";

function Lines({ invoice }: { invoice: Invoice }) {
  return (
    <Table className="text-[13px]">
      <TableHeader>
        <TableRow className="hover:bg-transparent">
          <TableHead>Item</TableHead>
          <TableHead className="text-right">Used</TableHead>
          <TableHead className="text-right">Included</TableHead>
          <TableHead className="text-right">Billable</TableHead>
          <TableHead className="text-right">Price</TableHead>
          <TableHead className="text-right">Amount</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {invoice.lines.map((l) => {
          const f = l.kind === "cpu" ? cpu : num;
          return (
            <TableRow key={l.kind}>
              <TableCell>{l.description}</TableCell>
              <TableCell className="text-right tabular-nums">{l.kind === "base" ? "—" : f(l.quantity)}</TableCell>
              <TableCell className="text-right tabular-nums">{l.kind === "base" ? "—" : f(l.included)}</TableCell>
              <TableCell className="text-right tabular-nums">{l.kind === "base" ? "—" : f(l.billable)}</TableCell>
              <TableCell className="text-right tabular-nums">{l.kind === "base" ? "per month" : `${money(l.unitPriceMinor, invoice.currency)} / million`}</TableCell>
              <TableCell className="text-right tabular-nums">{money(l.amountMinor, invoice.currency)}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

/** Closed periods, newest first; each expands to its line items. */
export function InvoicesTable({ invoices }: { invoices: Invoice[] }) {
  const [open, setOpen] = React.useState<string | null>(null);
  if (invoices.length === 0) {
    return (
      <EmptyState icon={Receipt} title="No invoices yet">
        An invoice is written when a billing period (a calendar month, UTC) closes. It lists exactly what was metered in that month.
      </EmptyState>
    );
  }
  return (
    <Table data-testid="invoices-table">
      <TableHeader>
        <TableRow className="hover:bg-transparent">
          <TableHead className="w-8" />
          <TableHead>Period</TableHead>
          <TableHead>Plan</TableHead>
          <TableHead className="text-right">Requests</TableHead>
          <TableHead className="text-right">CPU time</TableHead>
          <TableHead className="text-right">Total</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {invoices.map((i) => (
          <React.Fragment key={i.id}>
            <TableRow>
              <TableCell>
                <Button variant="ghost" size="icon-sm" aria-expanded={open === i.id} aria-label={`Line items of ${i.period}`} onClick={() => setOpen(open === i.id ? null : i.id)}>
                  {open === i.id ? <ChevronDown /> : <ChevronRight />}
                </Button>
              </TableCell>
              <TableCell className="font-medium">{periodLabel(i.period)}</TableCell>
              <TableCell>{i.plan.name}</TableCell>
              <TableCell className="text-right tabular-nums">{num(i.requests)}</TableCell>
              <TableCell className="text-right tabular-nums">{cpu(i.cpuMs)}</TableCell>
              <TableCell className="text-right font-medium tabular-nums">{money(i.totalMinor, i.currency)}</TableCell>
            </TableRow>
            {open === i.id ? (
              <TableRow className="hover:bg-transparent">
                <TableCell />
                <TableCell colSpan={5} className="bg-muted/30">
                  <Lines invoice={i} />
                </TableCell>
              </TableRow>
            ) : null}
          </React.Fragment>
        ))}
      </TableBody>
    </Table>
  );
}
