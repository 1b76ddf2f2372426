"use client";

import { Toaster as Sonner } from "sonner";

export function Toaster() {
  return (
    <Sonner
      position="bottom-right"
      closeButton
      toastOptions={{
        classNames: {
          toast: "!rounded-lg !border !border-border !shadow-lg !font-sans",
          description: "!text-muted-foreground",
        },
      }}
    />
  );
}
