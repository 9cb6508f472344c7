/**
 * Recursive-descent parser for WGSL (WGSL spec §16 "Grammar"). Errors carry the position of the token
 * that broke the grammar. Template lists are discovered as in WGSL §3.9 "Template lists": a `<` after an
 * identifier opens a template when a matching `>` follows before any token that cannot appear inside one.
 */
import { CompileError, type Pos } from '../diagnostics';
import type {
  Attribute,
  Block,
  CallExpr,
  Continuing,
  Decl,
  Expr,
  IdentExpr,
  IfStmt,
  Module,
  Param,
  Stmt,
  StructMember,
  SwitchClause,
  VarDecl,
} from './ast';
import { checkExtension } from './extensions';
import { checkLanguageFeature } from './language-features';
import { type Token, tokenize } from './lexer';

/** Deepest nesting of statements and expressions the translator accepts. */
export const MAX_NESTING = 128;

/**
 * Binary operators one expression may hold (`a + b + …` builds a tree as deep as the chain, and
 * translating a tree much over 1000 deep runs out of JavaScript stack). Split a longer sum into
 * several `let`s.
 */
export const MAX_OPERATOR_CHAIN = 512;

const RESERVED_STATEMENT_WORDS = new Set([
  'if',
  'for',
  'while',
  'loop',
  'switch',
  'return',
  'break',
  'continue',
]);

const ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '<<=', '>>=']);

export function parse(source: string): Module {
  return new Parser(tokenize(source)).module();
}

class Parser {
  private i = 0;
  private depth = 0;
  /** Nesting of expr() calls, and the binary operators of the outermost one so far. */
  private exprDepth = 0;
  private operators = 0;
  /** True while parsing template arguments: a `>` there closes the list instead of comparing. */
  private inTemplate = false;

  constructor(private readonly toks: Token[]) {}

  // ---- token helpers -------------------------------------------------------------------------------

  private peek(k = 0): Token {
    return this.toks[Math.min(this.i + k, this.toks.length - 1)]!;
  }

  private get pos(): Pos {
    return this.peek().pos;
  }

  private is(text: string, k = 0): boolean {
    const t = this.peek(k);
    return (t.kind === 'punct' || t.kind === 'ident') && t.text === text;
  }

  private accept(text: string): boolean {
    if (this.is(text)) {
      this.i++;
      return true;
    }
    return false;
  }

  private error(message: string, tok = this.peek()): never {
    throw new CompileError(tok.pos, message);
  }

  private describe(t: Token): string {
    return t.kind === 'eof' ? 'end of file' : `'${t.text}'`;
  }

  private expect(text: string, context?: string): Token {
    const t = this.peek();
    if (text === '>' && t.kind === 'punct' && t.text.startsWith('>') && t.text.length > 1) {
      // Split `>>`, `>=`, `>>=` when closing a template list.
      this.toks[this.i] = {
        kind: 'punct',
        text: t.text.slice(1),
        pos: { ...t.pos, col: t.pos.col + 1, offset: t.pos.offset + 1 },
      };
      return { ...t, text: '>' };
    }
    if (!this.is(text)) {
      this.error(`expected '${text}'${context ? ` ${context}` : ''}, found ${this.describe(t)}`);
    }
    this.i++;
    return t;
  }

  private ident(what = 'identifier'): Token {
    const t = this.peek();
    if (t.kind !== 'ident') this.error(`expected ${what}, found ${this.describe(t)}`);
    this.i++;
    return t;
  }

  private enter(pos: Pos): void {
    if (++this.depth > MAX_NESTING) {
      throw new CompileError(pos, `nesting is deeper than the limit of ${MAX_NESTING}`);
    }
  }

  private leave(): void {
    this.depth--;
  }

  /** WGSL §3.9 template list discovery, starting at a `<` that follows an identifier. */
  private startsTemplate(): boolean {
    if (!this.is('<')) return false;
    let depth = 0;
    let nest = 0; // () and [] inside the candidate list
    for (let k = this.i; k < this.toks.length; k++) {
      const t = this.toks[k]!;
      if (t.kind === 'eof') return false;
      if (t.kind !== 'punct') continue;
      switch (t.text) {
        case '<':
          if (k === this.i || this.toks[k - 1]!.kind === 'ident') depth++;
          else if (nest === 0) return false;
          break;
        case '>':
        case '>=':
          if (nest === 0) {
            depth--;
            if (depth === 0) return true;
          }
          break;
        case '>>':
        case '>>=':
          if (nest === 0) {
            depth -= 2;
            if (depth <= 0) return true;
          }
          break;
        case '(':
        case '[':
          nest++;
          break;
        case ')':
        case ']':
          if (nest === 0) return false;
          nest--;
          break;
        case ';':
        case '{':
        case '}':
        case ':':
        case '&&':
        case '||':
        case '=':
          if (nest === 0) return false;
          break;
        default:
          break;
      }
    }
    return false;
  }

  // ---- module ----------------------------------------------------------------------------------------

  module(): Module {
    const decls: Decl[] = [];
    while (this.peek().kind !== 'eof') {
      if (this.accept(';')) continue;
      decls.push(this.globalDecl());
    }
    return { decls };
  }

  private globalDecl(): Decl {
    const pos = this.pos;
    if (this.is('enable') || this.is('requires') || this.is('diagnostic')) {
      const directive = this.ident().text as 'enable' | 'requires' | 'diagnostic';
      const names: string[] = [];
      if (directive === 'diagnostic') {
        this.expect('(');
        while (!this.is(')')) {
          names.push(this.ident().text);
          if (this.accept('.')) names[names.length - 1] += `.${this.ident().text}`;
          if (!this.accept(',')) break;
        }
        this.expect(')');
      } else {
        do {
          if (this.is(';')) break;
          const name = this.ident(directive === 'requires' ? 'language feature name' : 'extension name');
          if (directive === 'requires') checkLanguageFeature(name.text, name.pos);
          else checkExtension(name.text, name.pos);
          names.push(name.text);
        } while (this.accept(','));
      }
      this.expect(';', `after ${directive} directive`);
      return { kind: 'directive', pos, directive, names };
    }
    const attrs = this.attributes();
    const t = this.peek();
    if (t.kind !== 'ident') this.error(`expected a declaration, found ${this.describe(t)}`);
    switch (t.text) {
      case 'struct':
        this.noAttributes(attrs, 'struct');
        return this.structDecl();
      case 'alias': {
        this.noAttributes(attrs, 'alias');
        this.i++;
        const name = this.ident('alias name').text;
        this.expect('=');
        const type = this.typeExpr();
        this.expect(';', 'after alias declaration');
        return { kind: 'alias', pos, name, type };
      }
      case 'fn':
        return this.fnDecl(attrs);
      case 'var':
      case 'const':
      case 'override':
      case 'let': {
        const v = this.varDecl(attrs);
        this.expect(';', `after ${v.declKind} declaration`);
        return v;
      }
      case 'const_assert': {
        this.i++;
        const cond = this.expr();
        this.expect(';');
        return { kind: 'const_assert', pos, cond };
      }
      default:
        return this.error(`expected a declaration, found '${t.text}'`);
    }
  }

  private noAttributes(attrs: Attribute[], what: string): void {
    if (attrs.length > 0)
      throw new CompileError(attrs[0]!.pos, `attribute '@${attrs[0]!.name}' is not valid on ${what}`);
  }

  private attributes(): Attribute[] {
    const attrs: Attribute[] = [];
    while (this.is('@')) {
      const pos = this.pos;
      this.i++;
      const name = this.ident('attribute name').text;
      const args: Expr[] = [];
      if (this.accept('(')) {
        while (!this.is(')')) {
          args.push(this.expr());
          if (!this.accept(',')) break;
        }
        this.expect(')', `to close @${name}(`);
      }
      attrs.push({ name, args, pos });
    }
    return attrs;
  }

  private structDecl(): Decl {
    const pos = this.pos;
    this.i++;
    const name = this.ident('struct name').text;
    this.expect('{');
    const members: StructMember[] = [];
    while (!this.is('}')) {
      const attrs = this.attributes();
      const mpos = this.pos;
      const mname = this.ident('member name').text;
      this.expect(':');
      const type = this.typeExpr();
      members.push({ pos: mpos, name: mname, type, attrs });
      if (!this.accept(',')) break;
    }
    this.expect('}', 'to close the struct');
    return { kind: 'struct', pos, name, members };
  }

  private fnDecl(attrs: Attribute[]): Decl {
    const pos = this.pos;
    this.i++;
    const name = this.ident('function name').text;
    this.expect('(');
    const params: Param[] = [];
    while (!this.is(')')) {
      const pattrs = this.attributes();
      const ppos = this.pos;
      const pname = this.ident('parameter name').text;
      this.expect(':');
      params.push({ pos: ppos, name: pname, type: this.typeExpr(), attrs: pattrs });
      if (!this.accept(',')) break;
    }
    this.expect(')', 'to close the parameter list');
    let ret: Expr | undefined;
    let retAttrs: Attribute[] = [];
    if (this.accept('->')) {
      retAttrs = this.attributes();
      ret = this.typeExpr();
    }
    const body = this.block();
    return { kind: 'fn', pos, name, params, ret, retAttrs, attrs, body };
  }

  /** `var<space, access> name: T = init`, `let`, `const`, `override` (WGSL §7). */
  private varDecl(attrs: Attribute[]): VarDecl {
    const pos = this.pos;
    const declKind = this.ident().text as VarDecl['declKind'];
    let space: string | undefined;
    let access: string | undefined;
    if (declKind === 'var' && this.is('<')) {
      this.i++;
      space = this.ident('address space').text;
      if (this.accept(',')) access = this.ident('access mode').text;
      this.expect('>', 'to close the var template list');
    }
    const name = this.ident('variable name').text;
    let type: Expr | undefined;
    if (this.accept(':')) type = this.typeExpr();
    let init: Expr | undefined;
    if (this.accept('=')) init = this.expr();
    return { kind: 'var', pos, declKind, name, type, init, space, access, attrs };
  }

  /** A type is a (possibly templated) identifier. */
  typeExpr(): IdentExpr {
    const t = this.ident('type');
    return this.templated(t);
  }

  private templated(t: Token): IdentExpr {
    const node: IdentExpr = { kind: 'ident', pos: t.pos, name: t.text };
    if (this.startsTemplate()) {
      this.i++;
      const targs: Expr[] = [];
      const saved = this.inTemplate;
      this.inTemplate = true;
      while (!this.is('>') && !this.peek().text.startsWith('>')) {
        targs.push(this.expr());
        if (!this.accept(',')) break;
      }
      this.inTemplate = saved;
      this.expect('>', 'to close the template list');
      node.targs = targs;
    }
    return node;
  }

  // ---- statements ------------------------------------------------------------------------------------

  private block(): Block {
    const pos = this.expect('{').pos;
    this.enter(pos);
    const stmts: Stmt[] = [];
    while (!this.is('}')) {
      if (this.peek().kind === 'eof')
        this.error(`expected '}' to close the block opened at ${pos.line}:${pos.col}`);
      if (this.accept(';')) continue;
      stmts.push(this.statement());
    }
    this.i++;
    this.leave();
    return { kind: 'block', pos, stmts };
  }

  private statement(): Stmt {
    const pos = this.pos;
    const attrs = this.attributes(); // e.g. @diagnostic on statements: accepted and ignored
    void attrs;
    const t = this.peek();
    if (this.is('{')) return this.block();
    if (t.kind === 'ident') {
      switch (t.text) {
        case 'if':
          return this.ifStmt();
        case 'switch':
          return this.switchStmt();
        case 'loop':
          return this.loopStmt();
        case 'for':
          return this.forStmt();
        case 'while': {
          this.i++;
          const cond = this.expr();
          return { kind: 'while', pos, cond, body: this.block() };
        }
        case 'break':
          this.i++;
          if (this.is('if')) this.error("'break if' is only allowed at the end of a continuing block");
          this.expect(';', "after 'break'");
          return { kind: 'break', pos };
        case 'continue':
          this.i++;
          this.expect(';', "after 'continue'");
          return { kind: 'continue', pos };
        case 'return': {
          this.i++;
          const value = this.is(';') ? undefined : this.expr();
          this.expect(';', 'after return');
          return { kind: 'return', pos, value };
        }
        case 'discard':
          this.i++;
          this.expect(';');
          return { kind: 'discard', pos };
        case 'const_assert': {
          this.i++;
          const cond = this.expr();
          this.expect(';');
          return { kind: 'const_assert', pos, cond };
        }
        default:
          break;
      }
    }
    const s = this.simpleStatement();
    this.expect(';', 'after statement');
    return s;
  }

  /** Statements allowed in `for (init; cond; update)` headers as well as on their own. */
  private simpleStatement(): Stmt {
    const pos = this.pos;
    const t = this.peek();
    if (t.kind === 'ident' && (t.text === 'var' || t.text === 'let' || t.text === 'const')) {
      return this.varDecl([]);
    }
    if (this.is('_') && this.is('=', 1)) {
      this.i += 2;
      return { kind: 'assign', pos, op: '=', lhs: null, rhs: this.expr() };
    }
    if (t.kind === 'ident' && RESERVED_STATEMENT_WORDS.has(t.text)) {
      this.error(`unexpected '${t.text}'`);
    }
    const lhs = this.expr();
    const op = this.peek();
    if (op.kind === 'punct' && (op.text === '++' || op.text === '--')) {
      this.i++;
      return { kind: 'incdec', pos, op: op.text, lhs };
    }
    if (op.kind === 'punct' && ASSIGN_OPS.has(op.text)) {
      this.i++;
      return { kind: 'assign', pos, op: op.text, lhs, rhs: this.expr() };
    }
    if (lhs.kind === 'call') return { kind: 'call', pos, call: lhs };
    return this.error(`expected an assignment or a function call, found ${this.describe(op)}`);
  }

  private ifStmt(): IfStmt {
    const pos = this.pos;
    this.i++;
    const cond = this.expr();
    const then = this.block();
    let elseBranch: Block | IfStmt | undefined;
    if (this.accept('else')) {
      elseBranch = this.is('if') ? this.ifStmt() : this.block();
    }
    return { kind: 'if', pos, cond, then, else: elseBranch };
  }

  private switchStmt(): Stmt {
    const pos = this.pos;
    this.i++;
    const selector = this.expr();
    this.attributes();
    const open = this.expect('{').pos;
    this.enter(open);
    const clauses: SwitchClause[] = [];
    while (!this.is('}')) {
      const cpos = this.pos;
      const selectors: (Expr | null)[] = [];
      if (this.accept('default')) {
        selectors.push(null);
      } else {
        this.expect('case', "or 'default' in switch");
        do {
          if (this.is(':') || this.is('{')) break;
          if (this.accept('default')) selectors.push(null);
          else selectors.push(this.expr());
        } while (this.accept(','));
      }
      this.accept(':');
      this.attributes();
      clauses.push({ pos: cpos, selectors, body: this.block() });
    }
    this.i++;
    this.leave();
    return { kind: 'switch', pos, selector, clauses };
  }

  private loopStmt(): Stmt {
    const pos = this.pos;
    this.i++;
    this.attributes();
    const open = this.expect('{').pos;
    this.enter(open);
    const stmts: Stmt[] = [];
    let continuing: Continuing | undefined;
    while (!this.is('}')) {
      if (this.peek().kind === 'eof')
        this.error(`expected '}' to close the loop opened at ${open.line}:${open.col}`);
      if (this.accept(';')) continue;
      if (this.is('continuing')) {
        continuing = this.continuing();
        break;
      }
      stmts.push(this.statement());
    }
    this.expect('}', 'to close the loop');
    this.leave();
    return { kind: 'loop', pos, body: { kind: 'block', pos: open, stmts }, continuing };
  }

  private continuing(): Continuing {
    const pos = this.pos;
    this.i++;
    const open = this.expect('{').pos;
    this.enter(open);
    const stmts: Stmt[] = [];
    let breakIf: Expr | undefined;
    while (!this.is('}')) {
      if (this.peek().kind === 'eof') this.error("expected '}' to close the continuing block");
      if (this.accept(';')) continue;
      if (this.is('break') && this.is('if', 1)) {
        this.i += 2;
        breakIf = this.expr();
        this.expect(';', "after 'break if'");
        if (!this.is('}')) this.error("'break if' must be the last statement of the continuing block");
        break;
      }
      stmts.push(this.statement());
    }
    this.expect('}');
    this.leave();
    return { pos, body: { kind: 'block', pos: open, stmts }, breakIf };
  }

  private forStmt(): Stmt {
    const pos = this.pos;
    this.i++;
    this.expect('(', "after 'for'");
    const init = this.is(';') ? undefined : this.simpleStatement();
    this.expect(';', 'after the for-loop initializer');
    const cond = this.is(';') ? undefined : this.expr();
    this.expect(';', 'after the for-loop condition');
    const update = this.is(')') ? undefined : this.simpleStatement();
    this.expect(')', 'to close the for-loop header');
    if (update && update.kind === 'var')
      throw new CompileError(update.pos, 'a for-loop update cannot declare');
    return { kind: 'for', pos, init, cond, update, body: this.block() };
  }

  // ---- expressions (WGSL §8.19 operator precedence) ------------------------------------------------------

  /**
   * One more binary operator in the current outermost expression, at `pos`: refused past
   * MAX_OPERATOR_CHAIN. Counted across precedence levels and parentheses, since a tree is as deep
   * as its operators at worst.
   */
  private operator(pos: Pos): void {
    if (++this.operators > MAX_OPERATOR_CHAIN) {
      throw new CompileError(
        pos,
        `more than ${MAX_OPERATOR_CHAIN} operators in one expression; split it into several let declarations`,
      );
    }
  }

  expr(): Expr {
    const pos = this.pos;
    if (this.exprDepth === 0) this.operators = 0;
    this.exprDepth++;
    this.enter(pos);
    const e = this.shortCircuit();
    this.leave();
    this.exprDepth--;
    return e;
  }

  private shortCircuit(): Expr {
    let left = this.bitwise();
    for (const op of ['||', '&&']) {
      if (this.is(op)) {
        while (this.is(op)) {
          const pos = this.pos;
          this.operator(pos);
          this.i++;
          left = { kind: 'binary', pos, op, left, right: this.relational() };
        }
        return left;
      }
    }
    return left;
  }

  /** `a & b & c`, `a | b`, `a ^ b` (cannot mix without parentheses), else a relational expression. */
  private bitwise(): Expr {
    const left = this.relational();
    for (const op of ['&', '|', '^']) {
      if (this.is(op)) {
        let acc = left;
        while (this.is(op)) {
          const pos = this.pos;
          this.operator(pos);
          this.i++;
          acc = { kind: 'binary', pos, op, left: acc, right: this.unary() };
        }
        return acc;
      }
    }
    return left;
  }

  private relational(): Expr {
    const left = this.shift();
    const t = this.peek();
    if (this.inTemplate && t.text.startsWith('>')) return left;
    if (t.kind === 'punct' && ['<', '>', '<=', '>=', '==', '!='].includes(t.text)) {
      this.operator(t.pos);
      this.i++;
      return { kind: 'binary', pos: t.pos, op: t.text, left, right: this.shift() };
    }
    return left;
  }

  private shift(): Expr {
    const left = this.additive();
    const t = this.peek();
    if (this.inTemplate && t.text.startsWith('>')) return left;
    if (t.kind === 'punct' && (t.text === '<<' || t.text === '>>')) {
      this.operator(t.pos);
      this.i++;
      return { kind: 'binary', pos: t.pos, op: t.text, left, right: this.unary() };
    }
    return left;
  }

  private additive(): Expr {
    let left = this.multiplicative();
    while (this.is('+') || this.is('-') || (this.is('--') && this.startsOperand(1))) {
      const t = this.peek();
      this.operator(t.pos);
      this.i++;
      // WGSL tokenizes in context (section 3.1): after an operand `--` is not a decrement, so
      // `b--b` is `b - -b` (Tint's test statements/decrement/split.wgsl).
      const negated =
        t.text === '--' ? { ...t.pos, col: t.pos.col + 1, offset: t.pos.offset + 1 } : undefined;
      const op = t.text === '+' ? '+' : '-';
      left = { kind: 'binary', pos: t.pos, op, left, right: this.multiplicative(negated) };
    }
    return left;
  }

  /** `negated`: the operand starts with a unary minus at that position (the second half of `--`). */
  /** Whether the k-th token can begin a unary expression (so a `--` before it is two minus signs). */
  private startsOperand(k: number): boolean {
    const t = this.peek(k);
    if (t.kind === 'ident' || t.kind === 'int' || t.kind === 'float') return true;
    return t.kind === 'punct' && ['(', '-', '!', '~', '&', '*'].includes(t.text);
  }

  private multiplicative(negated?: Pos): Expr {
    let left: Expr = this.unary();
    if (negated) left = { kind: 'unary', pos: negated, op: '-', operand: left };
    while (this.is('*') || this.is('/') || this.is('%')) {
      const t = this.peek();
      this.operator(t.pos);
      this.i++;
      left = { kind: 'binary', pos: t.pos, op: t.text, left, right: this.unary() };
    }
    return left;
  }

  private unary(): Expr {
    const t = this.peek();
    if (t.kind === 'punct' && ['-', '!', '~', '&', '*'].includes(t.text)) {
      this.i++;
      this.enter(t.pos);
      const operand = this.unary();
      this.leave();
      return { kind: 'unary', pos: t.pos, op: t.text as '-' | '!' | '~' | '&' | '*', operand };
    }
    if (t.kind === 'punct' && t.text === '--') {
      this.error("'--' is a statement in WGSL, not an operator; write '-(-x)' for double negation");
    }
    return this.postfix(this.primary());
  }

  private postfix(base: Expr): Expr {
    let e = base;
    for (;;) {
      const pos = this.pos;
      if (this.accept('[')) {
        const saved = this.inTemplate;
        this.inTemplate = false;
        const index = this.expr();
        this.inTemplate = saved;
        this.expect(']', 'to close the index');
        e = { kind: 'index', pos, base: e, index };
      } else if (this.accept('.')) {
        const name = this.ident('member name').text;
        e = { kind: 'member', pos, base: e, name };
      } else {
        return e;
      }
    }
  }

  private primary(): Expr {
    const t = this.peek();
    if (t.kind === 'int' || t.kind === 'float') {
      this.i++;
      return { kind: 'lit', pos: t.pos, text: t.text, litKind: t.kind };
    }
    if (t.kind === 'ident') {
      if (t.text === 'true' || t.text === 'false') {
        this.i++;
        return { kind: 'lit', pos: t.pos, text: t.text, litKind: 'bool' };
      }
      this.i++;
      const callee = this.templated(t);
      if (this.is('(')) {
        const pos = this.pos;
        this.i++;
        const args: Expr[] = [];
        const saved = this.inTemplate;
        this.inTemplate = false;
        while (!this.is(')')) {
          args.push(this.expr());
          if (!this.accept(',')) break;
        }
        this.inTemplate = saved;
        this.expect(')', 'to close the argument list');
        const call: CallExpr = { kind: 'call', pos: t.pos, callee, args };
        void pos;
        return call;
      }
      return callee;
    }
    if (this.accept('(')) {
      const saved = this.inTemplate;
      this.inTemplate = false;
      const e = this.expr();
      this.inTemplate = saved;
      this.expect(')', 'to close the parenthesis');
      return e;
    }
    return this.error(`expected an expression, found ${this.describe(t)}`);
  }
}
