// The Departments view in the Policy Lens activity-bar container. Until the
// recognition engine lands it has no items; the welcome content
// (package.json `viewsWelcome`) says what it will show.
import * as vscode from 'vscode';

/** One node of the Departments tree. */
export interface DepartmentNode {
  label: string;
  children: DepartmentNode[];
}

/** Tree data for `policyLens.departments`. */
export class DepartmentsView implements vscode.TreeDataProvider<DepartmentNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<DepartmentNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly treeView: vscode.TreeView<DepartmentNode>;
  private roots: DepartmentNode[] = [];

  constructor() {
    this.treeView = vscode.window.createTreeView('policyLens.departments', { treeDataProvider: this, showCollapseAll: true });
  }

  /** Replaces the tree's content. */
  setRoots(roots: DepartmentNode[]): void {
    this.roots = roots;
    this.changed.fire(undefined);
  }

  getTreeItem(node: DepartmentNode): vscode.TreeItem {
    return new vscode.TreeItem(
      node.label,
      node.children.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
  }

  getChildren(node?: DepartmentNode): DepartmentNode[] {
    return node ? node.children : this.roots;
  }

  dispose(): void {
    this.treeView.dispose();
    this.changed.dispose();
  }
}
