/**
 * The WGSL syntax tree (WGSL spec §5–§10 grammar). Every node carries its source position. Types are
 * written as expressions (`ident` with optional template arguments), as in the spec's
 * `template_elaborated_ident`; the checker decides what each name means.
 */
import type { Pos } from '../diagnostics';

export interface Attribute {
  name: string;
  args: Expr[];
  pos: Pos;
}

export type Expr =
  | { kind: 'lit'; pos: Pos; text: string; litKind: 'int' | 'float' | 'bool' }
  | { kind: 'ident'; pos: Pos; name: string; targs?: Expr[] }
  | { kind: 'call'; pos: Pos; callee: Extract<Expr, { kind: 'ident' }>; args: Expr[] }
  | { kind: 'index'; pos: Pos; base: Expr; index: Expr }
  | { kind: 'member'; pos: Pos; base: Expr; name: string }
  | { kind: 'unary'; pos: Pos; op: '-' | '!' | '~' | '&' | '*'; operand: Expr }
  | { kind: 'binary'; pos: Pos; op: string; left: Expr; right: Expr };

export type IdentExpr = Extract<Expr, { kind: 'ident' }>;
export type CallExpr = Extract<Expr, { kind: 'call' }>;

export interface VarDecl {
  kind: 'var';
  pos: Pos;
  declKind: 'var' | 'let' | 'const' | 'override';
  name: string;
  type?: Expr;
  init?: Expr;
  /** `var<space, access>` template arguments as written. */
  space?: string;
  access?: string;
  attrs: Attribute[];
}

export interface Block {
  kind: 'block';
  pos: Pos;
  stmts: Stmt[];
}

export interface SwitchClause {
  pos: Pos;
  /** `null` is the `default` selector. */
  selectors: (Expr | null)[];
  body: Block;
}

export interface Continuing {
  pos: Pos;
  body: Block;
  breakIf?: Expr;
}

export type Stmt =
  | Block
  | VarDecl
  | { kind: 'assign'; pos: Pos; op: string; lhs: Expr | null; rhs: Expr }
  | { kind: 'incdec'; pos: Pos; op: '++' | '--'; lhs: Expr }
  | { kind: 'call'; pos: Pos; call: CallExpr }
  | { kind: 'if'; pos: Pos; cond: Expr; then: Block; else?: Block | IfStmt }
  | { kind: 'switch'; pos: Pos; selector: Expr; clauses: SwitchClause[] }
  | { kind: 'for'; pos: Pos; init?: Stmt; cond?: Expr; update?: Stmt; body: Block }
  | { kind: 'while'; pos: Pos; cond: Expr; body: Block }
  | { kind: 'loop'; pos: Pos; body: Block; continuing?: Continuing }
  | { kind: 'break'; pos: Pos }
  | { kind: 'continue'; pos: Pos }
  | { kind: 'return'; pos: Pos; value?: Expr }
  | { kind: 'discard'; pos: Pos }
  | { kind: 'const_assert'; pos: Pos; cond: Expr };

export type IfStmt = Extract<Stmt, { kind: 'if' }>;

export interface StructMember {
  pos: Pos;
  name: string;
  type: Expr;
  attrs: Attribute[];
}

export interface Param {
  pos: Pos;
  name: string;
  type: Expr;
  attrs: Attribute[];
}

export type Decl =
  | { kind: 'struct'; pos: Pos; name: string; members: StructMember[] }
  | { kind: 'alias'; pos: Pos; name: string; type: Expr }
  | VarDecl
  | {
      kind: 'fn';
      pos: Pos;
      name: string;
      params: Param[];
      ret?: Expr;
      retAttrs: Attribute[];
      attrs: Attribute[];
      body: Block;
    }
  | { kind: 'directive'; pos: Pos; directive: 'enable' | 'requires' | 'diagnostic'; names: string[] }
  | { kind: 'const_assert'; pos: Pos; cond: Expr };

export type FnDecl = Extract<Decl, { kind: 'fn' }>;
export type StructDecl = Extract<Decl, { kind: 'struct' }>;

export interface Module {
  decls: Decl[];
}
