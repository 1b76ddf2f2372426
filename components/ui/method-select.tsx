"use client";

import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

/** An HTTP method picker; trigger props (id, aria-label, data-testid, className) pass through. */
export function MethodSelect({ value, onChange, ...trigger }: { value: string; onChange: (method: string) => void } & Omit<React.ComponentProps<typeof SelectTrigger>, "onChange">) {
  return (
    <Select value={value} onValueChange={onChange}>
      <SelectTrigger {...trigger}>
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {HTTP_METHODS.map((m) => (
          <SelectItem key={m} value={m}>
            {m}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
