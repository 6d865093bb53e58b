; Syntactic depths for JavaScript. Each capture names a depth; a slice at that depth is the
; smallest captured node that encloses a change. Comments are never slices (filtered in code).

; statement: a statement or declaration that is not a function or class, and class fields.
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
  (field_definition)
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

; class: a class declaration or expression.
[
  (class_declaration)
  (class)
] @class
