// House rule "import a room only through its index.ts", as an ESLint rule. A room is a folder with an index.ts; a
// file may import the files of its own room, loose modules (folders without an index) and other rooms' doors (the
// folder itself, i.e. its index). Reaching into another room's file is an error naming the door to use instead.
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';

const INDEX = ['index.ts', 'index.tsx'];
const EXTENSIONS = ['.ts', '.tsx', '.d.ts', '.mjs', '.js', ''];

const isDir = (p) => existsSync(p) && statSync(p).isDirectory();
const hasIndex = (dir) => INDEX.some((f) => existsSync(join(dir, f)));

/** The folder of the nearest room around a file or folder, or null when it lives in no room. */
function roomOf(path, root) {
  for (let dir = path; dir.startsWith(root) && dir !== root; dir = dirname(dir))
    if (hasIndex(dir)) return dir;
  return null;
}

/** What a relative specifier names on disk: a folder (its index) or a file; null when it is not ours to judge. */
function target(fromFile, spec) {
  const base = resolve(dirname(fromFile), spec.replace(/\?.*$/, ''));
  if (isDir(base)) return { kind: 'dir', path: base };
  for (const ext of EXTENSIONS) {
    const file = base + ext;
    if (existsSync(file) && !isDir(file)) {
      if (INDEX.includes(basename(file))) return { kind: 'dir', path: dirname(file) };
      return { kind: 'file', path: file };
    }
  }
  return null;
}

export const doors = {
  meta: {
    type: 'problem',
    docs: { description: "import another room only through its index.ts (the room's door)" },
    schema: [],
    messages: {
      door: '{{spec}} reaches into room {{room}}: import it through its door ({{door}})',
    },
  },
  create(context) {
    const file = context.filename;
    const root = context.cwd;
    const check = (node, spec) => {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const t = target(file, spec);
      if (!t || t.kind === 'dir') return;
      const room = roomOf(dirname(t.path), root);
      if (room === null) return;
      const own = roomOf(dirname(file), root);
      if (own === room) return;
      let door = relative(dirname(file), room).replace(/\\/g, '/');
      if (!door.startsWith('.')) door = `./${door}`;
      context.report({
        node,
        messageId: 'door',
        data: { spec, room: relative(root, room).replace(/\\/g, '/'), door },
      });
    };
    return {
      ImportDeclaration: (n) => check(n.source, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n.source, n.source.value),
      ExportAllDeclaration: (n) => check(n.source, n.source.value),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n.source, n.source.value),
    };
  },
};

export default { rules: { doors } };
