import { Liquid } from 'liquidjs';

/**
 * The one Liquid engine of Kairos' templates. Marketers write the templates, so the engine is closed:
 * no file system (no includes or layouts), unknown filters are errors when a template is saved, only
 * the data's own properties are visible, and parse, render time and memory are bounded. Variables are
 * strict, so a template quoting a fact that is not known fails instead of printing nothing; `if` and
 * `default` still work on missing values (lenientIf).
 */
export function createLiquidEngine(): Liquid {
  const engine = new Liquid({
    strictFilters: true,
    strictVariables: true,
    lenientIf: true,
    ownPropertyOnly: true,
    relativeReference: false,
    dynamicPartials: false,
    parseLimit: 100_000,
    renderLimit: 50,
    memoryLimit: 1_000_000,
    fs: NO_FILES,
  });
  // "1,200 points", not "1200 points": Liquid has no grouping filter of its own.
  const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
  engine.registerFilter('format_number', (value: unknown) => {
    const number = typeof value === 'number' ? value : Number(value);
    if (!Number.isFinite(number)) throw new Error(`format_number needs a number, got ${JSON.stringify(value)}`);
    return grouped.format(number);
  });
  for (const tag of FILE_TAGS) {
    engine.registerTag(tag, {
      parse() {
        throw new Error(`{% ${tag} %} is not available: templates cannot read other files`);
      },
      render: () => '',
    });
  }
  return engine;
}

const FILE_TAGS = ['include', 'render', 'layout'];

/** A file system with no files, in case a tag reaches for one anyway. */
const NO_FILES = {
  exists: async () => false,
  existsSync: () => false,
  readFile: async (file: string) => Promise.reject(new Error(`no file ${file}`)),
  readFileSync: (file: string) => {
    throw new Error(`no file ${file}`);
  },
  resolve: (_root: string, file: string) => file,
};

/** Where a template fails to parse, in words: `line 1, col 4: output "{{ name" not closed`. */
export function templateProblem(engine: Liquid, template: string): string | undefined {
  try {
    engine.parse(template);
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /, line:(\d+), col:(\d+)/.exec(message);
    const what = message.replace(/, line:\d+, col:\d+[\s\S]*$/, '');
    return position ? `line ${position[1]}, col ${position[2]}: ${what}` : what;
  }
}
