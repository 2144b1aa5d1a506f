import { phraseOf } from './catalog';
import { closestPhrases } from './phrase-distance';
import { stepGroups } from './steps';

/** What cucumber hands a snippet syntax for an undefined step (its `formatOptions.snippetSyntax` contract). */
interface GeneratedExpression {
  source: string;
  parameterNames: string[];
}

interface SnippetParts {
  comment: string;
  functionName: string;
  generatedExpressions: readonly GeneratedExpression[];
  stepParameterNames: readonly string[];
}

/** A number followed by one of these is a duration for wsbdd's steps: {duration}, not {int} seconds. */
const DURATION_UNIT = /^\{(?:int|float)\} (?:ms|milliseconds?|s|secs?|seconds?|mins?|minutes?)\b/i;

/**
 * The snippet printed for an undefined step: first the closest phrases of wsbdd's step library (most
 * undefined steps are a phrase misremembered), then a step definition in JavaScript whose expression
 * uses wsbdd's parameter types, so that `3 seconds` becomes `{duration}` like in every wsbdd phrase.
 * Loaded by cucumber from `formatOptions.snippetSyntax` (the wsbdd command sets it when a project does not).
 */
export default class WsbddSnippetSyntax {
  constructor(private readonly snippetInterface = 'synchronous') {}

  build({ comment, functionName, generatedExpressions, stepParameterNames }: SnippetParts): string {
    const expressions = unique(generatedExpressions.map(withDurations));
    const suggestions = didYouMean(expressions[0]?.source ?? '');
    const asyncKeyword = this.snippetInterface === 'async-await' ? 'async ' : '';
    const parameters = (expression: GeneratedExpression) => {
      const names = [...expression.parameterNames, ...stepParameterNames];
      if (this.snippetInterface === 'callback') names.push('callback');
      return names.join(', ');
    };
    const definitions = expressions.map(
      (expression, index) => `${index === 0 ? '' : '// '}${functionName}('${quoted(expression.source)}', ${asyncKeyword}function (${parameters(expression)}) {\n`,
    );
    return `${suggestions}${definitions.join('')}  // ${comment}\n  ${this.pending()}\n});`;
  }

  private pending(): string {
    switch (this.snippetInterface) {
      case 'callback':
        return "callback(null, 'pending');";
      case 'promise':
        return "return Promise.resolve('pending');";
      default:
        return "return 'pending';";
    }
  }
}

/** `{int} seconds` becomes `{duration}`, and its parameter `duration`. */
function withDurations(expression: GeneratedExpression): GeneratedExpression {
  let source = '';
  let rest = expression.source;
  let parameter = 0;
  const names = [...expression.parameterNames];
  while (rest.length > 0) {
    const unit = DURATION_UNIT.exec(rest);
    if (unit) {
      source += '{duration}';
      names[parameter++] = uniqueName('duration', names);
      rest = rest.slice(unit[0].length);
      continue;
    }
    if (/^\{[^}]*\}/.test(rest)) parameter++;
    const next = rest.slice(1).search(/\{/);
    const take = next < 0 ? rest.length : next + 1;
    source += rest.slice(0, take);
    rest = rest.slice(take);
  }
  return { source, parameterNames: names };
}

function uniqueName(name: string, taken: readonly string[]): string {
  if (!taken.includes(name)) return name;
  for (let index = 2; ; index++) if (!taken.includes(`${name}${index}`)) return `${name}${index}`;
}

/** {int} and {float} variants of one duration become the same expression; it is offered once. */
function unique(expressions: readonly GeneratedExpression[]): GeneratedExpression[] {
  const seen = new Set<string>();
  return expressions.filter((expression) => !seen.has(expression.source) && seen.add(expression.source));
}

function quoted(source: string): string {
  return source.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
}

/** Comment lines naming the library's closest phrases, each with its example; empty when none is close. */
function didYouMean(expression: string): string {
  const specs = stepGroups.flatMap((group) => group.steps);
  const closest = closestPhrases(expression, specs);
  if (closest.length === 0) return '';
  const lines = ['// Did you mean one of wsbdd\'s phrases? (npx wsbdd steps lists them all)'];
  for (const spec of closest) lines.push(`//   ${phraseOf(spec)}`, `//     e.g. ${spec.example.split('\n')[0]}`);
  return `${lines.join('\n')}\n`;
}
