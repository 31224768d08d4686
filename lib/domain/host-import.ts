import { z } from "zod";

// The import's API answers (POST /api/hosts/import/preview, POST /api/hosts/import), as the
// browser validates them. The drafts and problems are lib/import's, structurally.

const located = { line: z.number(), file: z.string().optional() };

export const importPreviewSchema = z.object({
  drafts: z.array(
    z.object({
      name: z.string(),
      address: z.string(),
      port: z.number(),
      username: z.string().nullable(),
      identityFile: z.string().nullable(),
      source: z.enum(["ssh-config", "ansible"]),
      ...located,
      duplicates: z.array(z.object({ of: z.enum(["existing", "draft"]), by: z.enum(["name", "address"]), name: z.string(), line: z.number().optional(), file: z.string().optional() })),
    }),
  ),
  problems: z.array(z.object({ ...located, severity: z.enum(["error", "warning"]), message: z.string(), host: z.string().optional() })),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;
export type ImportDraftView = ImportPreview["drafts"][number];

export const importResultSchema = z.object({
  created: z.array(z.object({ id: z.number(), name: z.string() })),
  /** Hosts not created (a name taken since the preview): the rest were. */
  failed: z.array(z.object({ name: z.string(), code: z.string(), message: z.string() })),
});
export type ImportResult = z.infer<typeof importResultSchema>;
