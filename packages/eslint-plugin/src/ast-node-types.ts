/**
 * The AST node types the rules test, as plain strings typed as typescript-eslint's enum members.
 * typescript-eslint's `AST_NODE_TYPES` is a runtime enum: importing it would make
 * `@typescript-eslint/utils` (and its required peer `typescript`) a runtime dependency of every
 * JavaScript project that installs the plugin. Its values are the node type names, so these strings
 * are the same values; the types come from typescript-eslint at build time only (`import type`).
 * A test checks each one against the real enum.
 */
import type { AST_NODE_TYPES as NodeType } from '@typescript-eslint/utils';

export const AST_NODE_TYPES = {
  AccessorProperty: 'AccessorProperty' as NodeType.AccessorProperty,
  AssignmentExpression: 'AssignmentExpression' as NodeType.AssignmentExpression,
  AssignmentPattern: 'AssignmentPattern' as NodeType.AssignmentPattern,
  AwaitExpression: 'AwaitExpression' as NodeType.AwaitExpression,
  BinaryExpression: 'BinaryExpression' as NodeType.BinaryExpression,
  BlockStatement: 'BlockStatement' as NodeType.BlockStatement,
  CallExpression: 'CallExpression' as NodeType.CallExpression,
  ExportAllDeclaration: 'ExportAllDeclaration' as NodeType.ExportAllDeclaration,
  ExportDefaultDeclaration: 'ExportDefaultDeclaration' as NodeType.ExportDefaultDeclaration,
  ExportNamedDeclaration: 'ExportNamedDeclaration' as NodeType.ExportNamedDeclaration,
  ExportSpecifier: 'ExportSpecifier' as NodeType.ExportSpecifier,
  Identifier: 'Identifier' as NodeType.Identifier,
  ImportDeclaration: 'ImportDeclaration' as NodeType.ImportDeclaration,
  ImportExpression: 'ImportExpression' as NodeType.ImportExpression,
  ImportSpecifier: 'ImportSpecifier' as NodeType.ImportSpecifier,
  JSXAttribute: 'JSXAttribute' as NodeType.JSXAttribute,
  JSXIdentifier: 'JSXIdentifier' as NodeType.JSXIdentifier,
  Literal: 'Literal' as NodeType.Literal,
  LogicalExpression: 'LogicalExpression' as NodeType.LogicalExpression,
  MemberExpression: 'MemberExpression' as NodeType.MemberExpression,
  NewExpression: 'NewExpression' as NodeType.NewExpression,
  ObjectExpression: 'ObjectExpression' as NodeType.ObjectExpression,
  ObjectPattern: 'ObjectPattern' as NodeType.ObjectPattern,
  PrivateIdentifier: 'PrivateIdentifier' as NodeType.PrivateIdentifier,
  Program: 'Program' as NodeType.Program,
  Property: 'Property' as NodeType.Property,
  PropertyDefinition: 'PropertyDefinition' as NodeType.PropertyDefinition,
  SpreadElement: 'SpreadElement' as NodeType.SpreadElement,
  TSAsExpression: 'TSAsExpression' as NodeType.TSAsExpression,
  TSExternalModuleReference: 'TSExternalModuleReference' as NodeType.TSExternalModuleReference,
  TSImportEqualsDeclaration: 'TSImportEqualsDeclaration' as NodeType.TSImportEqualsDeclaration,
  TSNonNullExpression: 'TSNonNullExpression' as NodeType.TSNonNullExpression,
  TSSatisfiesExpression: 'TSSatisfiesExpression' as NodeType.TSSatisfiesExpression,
  TSTypeAssertion: 'TSTypeAssertion' as NodeType.TSTypeAssertion,
  TemplateLiteral: 'TemplateLiteral' as NodeType.TemplateLiteral,
  VariableDeclaration: 'VariableDeclaration' as NodeType.VariableDeclaration,
  VariableDeclarator: 'VariableDeclarator' as NodeType.VariableDeclarator,
} as const;
