// Go to definition and document links: a 《title》 opens the workspace
// document with that title (its first line, a 《title》 in it, or its file
// name); a short name the text defines (以下简称“X”) goes to its definition.
// The matching is core/text/definitions; this file keeps the titles of the
// workspace's policy texts (the index's include glob), read lazily.
import * as vscode from 'vscode';
import type { AnalysisService } from './analysisService';
import { readIndexSettings } from './configuration';
import { citedTitles, documentTitles, documentsTitled, shortNameDefinitions } from '../core/text/definitions';

/** Bytes of a file read for its title. */
const TITLE_BYTES = 4096;

/** Titles of the workspace's policy texts, by URI string; open documents answer from their text. */
export class TitleIndex implements vscode.Disposable {
  private titles: Map<string, string[]> | undefined;
  private building: Promise<Map<string, string[]>> | undefined;
  private readonly dirty = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    const settings = readIndexSettings();
    const watcher = vscode.workspace.createFileSystemWatcher(settings.include);
    const mark = (u: vscode.Uri) => this.dirty.add(u.toString());
    this.disposables.push(
      watcher,
      watcher.onDidCreate(mark),
      watcher.onDidChange(mark),
      watcher.onDidDelete((u) => this.titles?.delete(u.toString())),
      vscode.workspace.onDidSaveTextDocument((d) => mark(d.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('policyLens.index') && (this.titles = undefined)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => (this.titles = undefined)),
    );
  }

  private static async read(uri: vscode.Uri): Promise<string[] | undefined> {
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      // the first line is all that is needed: a character cut at the end does not matter
      return documentTitles(new TextDecoder('utf-8').decode(bytes.subarray(0, TITLE_BYTES)), uri.path);
    } catch {
      return undefined;
    }
  }

  private async build(): Promise<Map<string, string[]>> {
    const settings = readIndexSettings();
    const out = new Map<string, string[]>();
    if (!vscode.workspace.workspaceFolders?.length) return out;
    const uris = await vscode.workspace.findFiles(settings.include, settings.exclude, settings.maxFiles);
    for (const uri of uris) {
      const titles = await TitleIndex.read(uri);
      if (titles) out.set(uri.toString(), titles);
    }
    return out;
  }

  /** Every file's titles (open documents from their current text). */
  async all(): Promise<Map<string, string[]>> {
    // a local reference: a settings or folder change may drop this.titles while we wait
    let index = this.titles;
    if (!index) {
      this.building ??= this.build().finally(() => (this.building = undefined));
      index = this.titles = await this.building;
    }
    for (const u of [...this.dirty]) {
      this.dirty.delete(u);
      const titles = await TitleIndex.read(vscode.Uri.parse(u));
      if (titles) index.set(u, titles);
      else index.delete(u);
    }
    const out = new Map(index);
    for (const d of vscode.workspace.textDocuments) if (out.has(d.uri.toString()) || d.isDirty) out.set(d.uri.toString(), documentTitles(d.getText(new vscode.Range(0, 0, 5, 0)), d.uri.path));
    return out;
  }

  /** The workspace documents titled `cited`, other than `except`. */
  async find(cited: string, except?: vscode.Uri, all?: Map<string, string[]>): Promise<vscode.Uri[]> {
    all ??= await this.all();
    return documentsTitled(cited, all.entries())
      .filter((u) => u !== except?.toString())
      .map((u) => vscode.Uri.parse(u));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** Definitions of cited titles and defined short names; links on cited titles. */
export class DefinitionsProvider implements vscode.DefinitionProvider, vscode.DocumentLinkProvider {
  constructor(
    private readonly analysis: AnalysisService,
    private readonly titles: TitleIndex,
  ) {}

  async provideDefinition(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Location[] | undefined> {
    if (!this.analysis.accepts(document)) return undefined;
    const line = document.lineAt(position.line).text;
    // a 《title》 around the cursor (the brackets included)
    const cited = citedTitles(line).find((t) => position.character >= t.start - 1 && position.character <= t.end);
    if (cited) {
      const uris = await this.titles.find(cited.title, document.uri);
      if (uris.length > 0) return uris.map((u) => new vscode.Location(u, new vscode.Position(0, 0)));
      // a short title the text defines (以下简称《考核规定》): to its definition
      const short = shortNameDefinitions(document.getText()).find((d) => d.short === cited.title);
      return short && [new vscode.Location(document.uri, new vscode.Range(document.positionAt(short.start), document.positionAt(short.end)))];
    }
    // a short name the text defines, under the cursor
    const text = document.getText();
    for (const d of shortNameDefinitions(text)) {
      for (let i = line.indexOf(d.short); i >= 0; i = line.indexOf(d.short, i + 1)) {
        if (position.character < i || position.character > i + d.short.length) continue;
        return [new vscode.Location(document.uri, new vscode.Range(document.positionAt(d.start), document.positionAt(d.end)))];
      }
    }
    return undefined;
  }

  async provideDocumentLinks(document: vscode.TextDocument): Promise<vscode.DocumentLink[] | undefined> {
    if (!this.analysis.accepts(document)) return undefined;
    const cited = citedTitles(document.getText());
    if (cited.length === 0) return undefined;
    const out: vscode.DocumentLink[] = [];
    const all = await this.titles.all(); // once per request, not once per citation
    for (const c of cited) {
      const [target] = await this.titles.find(c.title, document.uri, all);
      if (target) out.push(new vscode.DocumentLink(new vscode.Range(document.positionAt(c.start), document.positionAt(c.end)), target));
    }
    return out;
  }
}

/** Registers the definition and link providers; returns their disposables. */
export function registerDefinitions(analysis: AnalysisService): vscode.Disposable[] {
  const titles = new TitleIndex();
  const provider = new DefinitionsProvider(analysis, titles);
  const selector: vscode.DocumentSelector = { pattern: '**' };
  return [titles, vscode.languages.registerDefinitionProvider(selector, provider), vscode.languages.registerDocumentLinkProvider(selector, provider)];
}
