; Syntactic depths for TypeScript (used for both .ts and .tsx). Each capture names a depth; a
; slice at that depth is the smallest captured node that encloses a change. Comments are never
; slices (filtered in code).

; statement: a statement or declaration that is not a function or class; members of classes,
; interfaces and enums.
[
  (expression_statement)
  (lexical_declaration)
  (variable_declaration)
  (return_statement)
  (if_statement)
  (for_statement)
  (for_in_statement)
  (while_statement)
  (do_statement)
  (try_statement)
  (switch_statement)
  (throw_statement)
  (break_statement)
  (continue_statement)
  (labeled_statement)
  (import_statement)
  (type_alias_declaration)
  (public_field_definition)
  (property_signature)
  (method_signature)
  (switch_case)
] @statement

; block: a brace-delimited list of statements.
(statement_block) @block

; function: any function, method or arrow function.
[
  (function_declaration)
  (function_expression)
  (generator_function_declaration)
  (generator_function)
  (arrow_function)
  (method_definition)
] @function

; class: a class, interface, enum or namespace.
[
  (class_declaration)
  (abstract_class_declaration)
  (class)
  (interface_declaration)
  (enum_declaration)
  (internal_module)
] @class
