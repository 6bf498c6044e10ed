// Export (this document as policy-lens/1, or this document or the whole
// workspace in any interchange format), Import another tool's annotations
// into the active document's tags, and Compare Annotators (agreement with
// another copy of the workspace). Every file goes through vscode.workspace.fs
// and the tag store, so that they work in remote and virtual workspaces.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EngineClient } from '../core/engine/client';
import { exportDocumentsAsync, FORMAT_NOTES, FORMATS, formatFromName, importAnnotations, type ExportDocument, type FormatName } from '../core/formats/index';
import { guessFormats } from '../core/formats/guess';
import { toPolicyLensExport } from '../core/formats/policyLens';
import { CODEBOOK_PATH } from '../core/tags/codebook';
import { formatTeamReport, type TeamDoc } from '../core/tags/teamReport';
import { decodeSidecar, SIDECAR_DIR, sidecarPathFor } from '../core/tags/sidecar';
import { readDocumentTags } from '../core/tags/sidecarFiles';
import { decodeText } from '../core/text/textFile';
import type { AnalysisService } from './analysisService';
import { readExportWithEntities, readIndexSettings } from './configuration';
import { actionsLabel, entitiesLabel, tagsLabel } from './labels';
import type { TagStore } from './tagStore';
import { folderKey, workspaceFiles } from './workspaceFiles';

/** A QuickPick of the formats; `guessed` (most likely first) are listed first and marked, the first of them preselected. */
async function pickFormat(title: string, guessed: readonly FormatName[] = []): Promise<FormatName | undefined> {
  const order = [...guessed, ...FORMATS.filter((f) => !guessed.includes(f))];
  const picked = await vscode.window.showQuickPick(
    order.map((f, i) => ({ label: f, description: i === 0 && guessed.length > 0 ? vscode.l10n.t('detected') : undefined, detail: FORMAT_NOTES[f] })),
    { title, placeHolder: guessed.length > 0 ? vscode.l10n.t('Format (detected: {0})', guessed[0]) : vscode.l10n.t('Format') },
  );
  return picked?.label;
}

async function readText(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && !d.isClosed);
  return open ? open.getText() : decodeText(await vscode.workspace.fs.readFile(uri));
}

/** How exports name a document (and imports find it again): its '/'-separated path in its workspace folder, else its file name. */
function exportName(uri: vscode.Uri): string {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return folder ? path.posix.relative(folder.uri.path, uri.path) : path.posix.basename(uri.path);
}

/**
 * Everything exported for one file: the one way both export commands build
 * their input. An open document is taken as the editor has it (its analysis,
 * the tags as they are now); another file is read and analysed in the worker,
 * its tags read from its sidecar.
 */
export async function exportInputFor(engine: EngineClient, analysis: AnalysisService, store: TagStore, uri: vscode.Uri): Promise<ExportDocument> {
  const file = exportName(uri);
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && !d.isClosed);
  let text: string;
  let entities: ExportDocument['entities'];
  let actions: ExportDocument['actions'];
  if (open && analysis.accepts(open)) {
    const model = await analysis.whenAnalysed(open);
    if (!model) throw new Error(vscode.l10n.t('it could not be analysed'));
    text = open.getText();
    entities = model.absoluteEntities(open.eol === vscode.EndOfLine.CRLF ? 2 : 1);
    actions = await analysis.whenActions(open);
  } else {
    text = open ? open.getText() : decodeText(await vscode.workspace.fs.readFile(uri));
    entities = await engine.annotate(text);
    actions = await engine.actions(text);
  }
  const { tags, rejected, relations } = await store.tagsOf(uri, text);
  return { file, text, entities, actions, tags, rejected, relations: relations ?? [] };
}

/** The documents with a sidecar under ROOT/.policy-lens/ ('/'-separated, without .json; the codebook is none), read with workspace.fs (any folder, in or outside the workspace). */
async function sidecarDocumentsIn(root: vscode.Uri): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: vscode.Uri, prefix: string): Promise<void> => {
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(dir);
    } catch {
      return; // no .policy-lens/ yet: nothing tagged
    }
    for (const [name, type] of entries) {
      if (type & vscode.FileType.Directory) await walk(vscode.Uri.joinPath(dir, name), `${prefix}${name}/`);
      else if (name.endsWith('.json') && `${SIDECAR_DIR}/${prefix}${name}` !== CODEBOOK_PATH) out.push(`${prefix}${name.slice(0, -'.json'.length)}`);
    }
  };
  await walk(vscode.Uri.joinPath(root, SIDECAR_DIR), '');
  return out;
}

/** Registers Export Annotations to JSON, Export Annotations…, Import Annotations… and Compare Annotators…. */
export function registerExchangeCommands(engine: EngineClient, analysis: AnalysisService, store: TagStore): vscode.Disposable[] {
  const documentFor = (uri: vscode.Uri) => exportInputFor(engine, analysis, store, uri);

  return [
    vscode.commands.registerCommand('policyLens.exportDocument', async (target?: vscode.Uri) => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || !analysis.accepts(editor.document)) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Open a policy text (.txt or .md) to export its annotations.'));
        return undefined;
      }
      const doc = editor.document;
      let exported;
      try {
        exported = toPolicyLensExport(await documentFor(doc.uri));
      } catch (err) {
        void vscode.window.showErrorMessage(`Policy Lens: ${err instanceof Error ? err.message : String(err)}`);
        return undefined;
      }
      const uri =
        target ??
        (await vscode.window.showSaveDialog({
          defaultUri: doc.uri.scheme === 'untitled' ? undefined : doc.uri.with({ path: doc.uri.path.replace(/(\.[^./]+)?$/, '.policy-lens.json') }),
          filters: { JSON: ['json'] },
        }));
      if (!uri) return undefined;
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(exported, null, 1) + '\n'));
      void vscode.window.showInformationMessage(vscode.l10n.t('Exported {0} and {1} to {2}.', entitiesLabel(exported.entities.length), actionsLabel(exported.actions.length), vscode.workspace.asRelativePath(uri)));
      return uri;
    }),

    vscode.commands.registerCommand('policyLens.exportAnnotations', async (scope?: 'document' | 'workspace', format?: FormatName, target?: vscode.Uri, withEntities?: boolean) => {
      const editor = vscode.window.activeTextEditor;
      if (!scope) {
        const pick = await vscode.window.showQuickPick(
          [
            { label: vscode.l10n.t('This document'), value: 'document' as const, disabled: !editor || !analysis.accepts(editor.document) },
            { label: vscode.l10n.t('All policy texts in the workspace'), value: 'workspace' as const, disabled: !vscode.workspace.workspaceFolders?.length },
          ].filter((p) => !p.disabled),
          { title: vscode.l10n.t('Export annotations of…') },
        );
        if (!pick) return undefined;
        scope = pick.value;
      }
      const asked = !format;
      format ??= await pickFormat(vscode.l10n.t('Export annotations as…'));
      if (!format) return undefined;
      // tags only, or with the automatic entities as pre-annotations (Label Studio: predictions): the argument, else the setting, else asked
      // (only when the format was picked here); formats that always have them are not asked
      const setting = readExportWithEntities();
      if (withEntities === undefined && setting !== 'ask') withEntities = setting === 'always';
      if (withEntities === undefined && asked && !['policy-lens', 'csv', 'xlsx'].includes(format)) {
        const pick = await vscode.window.showQuickPick(
          [
            { label: vscode.l10n.t('Tags only'), value: false },
            { label: vscode.l10n.t('Tags and automatic entities'), detail: vscode.l10n.t('The entities not rejected, labelled with their type, as pre-annotations'), value: true },
          ],
          { title: vscode.l10n.t('Export annotations as…') },
        );
        if (!pick) return undefined;
        withEntities = pick.value;
      }
      target ??= (await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, title: vscode.l10n.t('Folder to export into'), openLabel: vscode.l10n.t('Export here') }))?.[0];
      if (!target) return undefined;
      await store.flush();
      const settings = readIndexSettings();
      const uris =
        scope === 'document'
          ? editor
            ? [editor.document.uri]
            : []
          : await vscode.workspace.findFiles(settings.include, `{${settings.exclude},**/${SIDECAR_DIR}/**}`, settings.maxFiles);
      if (uris.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to export.'));
        return undefined;
      }
      const chosen = format;
      const out = target;
      return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Policy Lens: exporting'), cancellable: true }, async (progress, token) => {
        const docs: ExportDocument[] = [];
        const skipped: string[] = [];
        for (const uri of uris) {
          if (token.isCancellationRequested) return undefined;
          progress.report({ message: vscode.workspace.asRelativePath(uri), increment: 100 / uris.length });
          try {
            docs.push(await documentFor(uri));
          } catch (err) {
            skipped.push(`${vscode.workspace.asRelativePath(uri)}: ${err instanceof Error ? err.message : String(err)}`);
          }
        }
        let result: Awaited<ReturnType<typeof exportDocumentsAsync>>;
        const written: vscode.Uri[] = [];
        try {
          result = await exportDocumentsAsync(chosen, docs, { withEntities: !!withEntities });
          for (const f of result.files) {
            const uri = vscode.Uri.joinPath(out, ...f.name.split('/'));
            await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
            await vscode.workspace.fs.writeFile(uri, typeof f.content === 'string' ? new TextEncoder().encode(f.content) : f.content);
            written.push(uri);
          }
        } catch (err) {
          // one line: the format cannot be written here (XLSX on the web) or a file could not be (disk full, no permission)
          void vscode.window.showErrorMessage(vscode.l10n.t('Policy Lens: the export as {0} failed after {1} file(s): {2}', chosen, String(written.length), err instanceof Error ? err.message : String(err)));
          return written;
        }
        const notes = [...result.warnings, ...skipped];
        void vscode.window.showInformationMessage(
          vscode.l10n.t('Exported {0} document(s) as {1} into {2}.', docs.length, chosen, vscode.workspace.asRelativePath(out)) + (notes.length ? ` ${notes.join(' · ')}` : ''),
        );
        return written;
      });
    }),

    vscode.commands.registerCommand('policyLens.importAnnotations', async (source?: vscode.Uri, format?: FormatName) => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || !analysis.accepts(editor.document)) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Open the policy text the annotations belong to, then import.'));
        return 0;
      }
      source ??= (await vscode.window.showOpenDialog({ canSelectMany: false, title: vscode.l10n.t('Annotations to import into {0}', vscode.workspace.asRelativePath(editor.document.uri)) }))?.[0];
      if (!source) return 0;
      const warnings: string[] = [];
      try {
        // strict: bytes that are not UTF-8 are refused with their line, never replaced by U+FFFD
        const content = decodeSidecar(await vscode.workspace.fs.readFile(source)).replace(/^\uFEFF/, '');
        // the researcher chooses; the guess from the content (Label Studio, W3C and policy-lens/1 are all .json) comes first
        if (!format) {
          const guessed = guessFormats(source.path, content);
          const fromExt = formatFromName(path.extname(source.path));
          format = await pickFormat(vscode.l10n.t('Format of {0}', path.basename(source.path)), guessed.length > 0 ? guessed : fromExt ? [fromExt] : []);
        }
        if (!format) return 0;
        // relations (brat R, Label Studio, W3C, policy-lens/1) land in the sidecar with the tags, in the same undoable step
        const { tags, relations } = importAnnotations(format, content, editor.document.getText(), { file: exportName(editor.document.uri), onWarning: (m) => warnings.push(m) });
        const added = await store.addImported(editor.document, tags, relations);
        void vscode.window.showInformationMessage(vscode.l10n.t('Imported {0} from {1}.', tagsLabel(added), path.basename(source.path)) + (warnings.length ? ` ${warnings.join(' · ')}` : ''));
        return added;
      } catch (err) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Policy Lens could not import {0}: {1}', path.basename(source.path), err instanceof Error ? err.message : String(err)));
        return 0;
      }
    }),

    vscode.commands.registerCommand('policyLens.compareAnnotators', async (other?: vscode.Uri | readonly vscode.Uri[]) => {
      const folder = vscode.workspace.workspaceFolders?.[0];
      if (!folder) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Open a workspace folder with tagged documents first.'));
        return undefined;
      }
      // one other copy or several (the report then has α over all and κ, F1 per pair)
      const others: vscode.Uri[] | undefined =
        other === undefined
          ? await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: true, title: vscode.l10n.t('The other annotators’ copies of the workspace (with their {0}/ folders)', SIDECAR_DIR) })
          : other instanceof vscode.Uri
            ? [other]
            : [...(other)];
      if (!others || others.length === 0) return undefined;
      // this workspace is the first annotator; each other copy once
      if (new Set([folder.uri, ...others].map(folderKey)).size !== others.length + 1) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Policy Lens: pick other copies of the workspace, each once (this workspace is the first annotator).'));
        return undefined;
      }
      await store.flush();
      // the documents any annotator tagged (the texts are this workspace's)
      const rels = new Set<string>();
      for (const root of [folder.uri, ...others]) for (const rel of await sidecarDocumentsIn(root)) rels.add(rel);
      const docs: TeamDoc[] = [];
      const problems: string[] = [];
      for (const rel of [...rels].sort()) {
        const docUri = vscode.Uri.joinPath(folder.uri, ...rel.split('/'));
        try {
          const text = await readText(docUri);
          const annotators = [(await store.tagsOf(docUri, text)).tags];
          for (const root of others) annotators.push((await readDocumentTags(workspaceFiles, vscode.Uri.joinPath(root, ...sidecarPathFor(rel).split('/')), rel, text)).tags);
          docs.push({ name: rel, text, annotators });
        } catch (err) {
          problems.push(`${rel}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      const names = [folder.name, ...others.map((u) => path.posix.basename(u.path))];
      const report = `# ${vscode.l10n.t('Agreement: {0} vs {1}', folder.name, names.slice(1).join(', '))}\n\n${formatTeamReport(names, docs)}\n${problems.length ? `\n${problems.map((p) => `- ${p}`).join('\n')}\n` : ''}`;
      const doc = await vscode.workspace.openTextDocument({ content: report, language: 'markdown' });
      await vscode.window.showTextDocument(doc, { preview: true });
      return report;
    }),
  ];
}
