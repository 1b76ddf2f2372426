import { Zap } from "lucide-react";
import { cn } from "@/lib/utils";

export function LogoMark({ className }: { className?: string }) {
  return (
    <span className={cn("flex size-7 items-center justify-center rounded-md bg-primary text-primary-foreground shadow-sm", className)}>
      <Zap className="size-4 fill-current" aria-hidden />
    </span>
  );
}

export function Logo({ className }: { className?: string }) {
  return (
    <span className={cn("flex items-center gap-2 text-[15px] font-semibold tracking-tight", className)}>
      <LogoMark />
      Edgefn
    </span>
  );
}
