import { CenteredShell } from "@/components/brand/centered-shell";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return <CenteredShell>{children}</CenteredShell>;
}
