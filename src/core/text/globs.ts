// The workspace index's include/exclude globs (policyLens.index.include and
// .exclude) as one predicate over workspace-relative paths, by picomatch with
// the semantics of VS Code's findFiles: '/'-separated, braces, `**` across
// folders, dot files and folders matched. The editor's watcher uses it so that
// a file created or saved is indexed exactly when findFiles would list it.
import picomatch from 'picomatch/posix';

/** True for a '/'-separated path relative to its workspace folder that `include` matches and `exclude` (if given) does not. */
export function globFilter(include: string, exclude?: string): (relativePath: string) => boolean {
  const options = { dot: true };
  const inc = picomatch(include, options);
  const exc = exclude ? picomatch(exclude, options) : undefined;
  return (relativePath) => {
    const p = relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
    return inc(p) && !(exc?.(p) ?? false);
  };
}
