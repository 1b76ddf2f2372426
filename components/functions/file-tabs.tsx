"use client";

import * as React from "react";
import { FilePlus2, MoreHorizontal, Star } from "lucide-react";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { Field, fieldA11y } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { cn } from "@/lib/utils";

// Mirrors the API's FilePath rule so that a bad name is refused here, not at the next autosave.
const PATH_RE = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*(\/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$/;
const EXTS = [".ts", ".tsx", ".mts", ".js", ".mjs", ".jsx", ".json"];

function pathProblem(path: string, taken: string[]): string | undefined {
  if (!path) return "Enter a file name.";
  if (!PATH_RE.test(path) || path.split("/").includes("..")) return "Use letters, digits, '_', '-', '.' and '/' (a relative path).";
  if (!EXTS.some((e) => path.endsWith(e))) return `End the name in ${EXTS.join(", ")}.`;
  if (taken.includes(path)) return "A file with that name already exists.";
  return undefined;
}

type Props = {
  paths: string[];
  active: string;
  entry: string;
  readOnly: boolean;
  onSelect(path: string): void;
  onAdd(path: string): void;
  onRename(from: string, to: string): void;
  onDelete(path: string): void;
  onSetEntry(path: string): void;
};

/** One tab per file, the entry file starred; add, rename, delete and "make entry" per file. */
export function FileTabs({ paths, active, entry, readOnly, onSelect, onAdd, onRename, onDelete, onSetEntry }: Props) {
  const [naming, setNaming] = React.useState<{ from: string | null } | null>(null);
  const [deleting, setDeleting] = React.useState<string | null>(null);
  return (
    <div role="tablist" aria-label="Files" className="flex min-w-0 items-center gap-0.5 overflow-x-auto border-b bg-muted/40 px-1">
      {paths.map((p) => (
        <div
          key={p}
          className={cn(
            "group -mb-px flex shrink-0 items-center border-b-2 border-transparent text-[13px]",
            p === active ? "border-primary bg-background text-foreground" : "text-muted-foreground hover:text-foreground",
          )}
        >
          <button type="button" role="tab" aria-selected={p === active} data-testid={`file-tab-${p}`} onClick={() => onSelect(p)} className="flex items-center gap-1.5 py-2 pr-1 pl-3 font-mono outline-none focus-visible:ring-2 focus-visible:ring-ring">
            {p === entry ? <Star className="size-3 fill-amber-400 text-amber-500" aria-label="Entry file" /> : null}
            {p}
          </button>
          {readOnly ? null : (
            <DropdownMenu>
              <DropdownMenuTrigger asChild>
                <Button variant="ghost" size="icon-sm" className="size-6 opacity-60 group-hover:opacity-100" aria-label={`Actions for ${p}`}>
                  <MoreHorizontal />
                </Button>
              </DropdownMenuTrigger>
              <DropdownMenuContent align="start">
                <DropdownMenuItem onSelect={() => setNaming({ from: p })}>Rename…</DropdownMenuItem>
                <DropdownMenuItem disabled={p === entry} onSelect={() => onSetEntry(p)}>
                  Make entry file
                </DropdownMenuItem>
                <DropdownMenuItem disabled={p === entry} onSelect={() => setDeleting(p)} className="text-destructive">
                  Delete…
                </DropdownMenuItem>
              </DropdownMenuContent>
            </DropdownMenu>
          )}
        </div>
      ))}
      {readOnly ? null : (
        <Button variant="ghost" size="sm" className="ml-1 shrink-0" onClick={() => setNaming({ from: null })} data-testid="add-file">
          <FilePlus2 />
          Add file
        </Button>
      )}
      <FileNameDialog
        state={naming}
        taken={paths}
        onClose={() => setNaming(null)}
        onSubmit={(name) => {
          if (naming?.from) onRename(naming.from, name);
          else onAdd(name);
          setNaming(null);
        }}
      />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(o) => !o && setDeleting(null)}
        title={`Delete ${deleting ?? "file"}?`}
        description="The file is removed from the draft. Deployed versions keep their copy."
        confirmLabel="Delete file"
        onConfirm={async () => {
          if (deleting) onDelete(deleting);
        }}
      />
    </div>
  );
}

function FileNameDialog({ state, taken, onClose, onSubmit }: { state: { from: string | null } | null; taken: string[]; onClose(): void; onSubmit(name: string): void }) {
  const [name, setName] = React.useState("");
  const [tried, setTried] = React.useState(false);
  const [prev, setPrev] = React.useState(state);
  // Reset the form each time the dialog opens (adjusting state during render, not in an effect).
  if (prev !== state) {
    setPrev(state);
    setName(state?.from ?? "");
    setTried(false);
  }
  const problem = pathProblem(name.trim(), taken.filter((t) => t !== state?.from));
  return (
    <Dialog open={state !== null} onOpenChange={(o) => !o && onClose()}>
      <DialogContent>
        <form
          className="grid gap-5"
          onSubmit={(e) => {
            e.preventDefault();
            setTried(true);
            if (!problem) onSubmit(name.trim());
          }}
        >
          <DialogHeader>
            <DialogTitle>{state?.from ? `Rename ${state.from}` : "Add a file"}</DialogTitle>
            <DialogDescription>Import it from other files by relative path, e.g. import {"{ x }"} from &quot;./lib/util&quot;.</DialogDescription>
          </DialogHeader>
          <Field id="file-name" label="Path" error={tried ? problem : undefined} hint="e.g. lib/util.ts">
            <Input {...fieldA11y("file-name", tried ? problem : undefined)} value={name} onChange={(e) => setName(e.target.value)} autoFocus className="font-mono" />
          </Field>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit">{state?.from ? "Rename" : "Add file"}</Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
