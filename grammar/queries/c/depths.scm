; Syntactic depths for C. Each capture names a depth; a slice at that depth is the smallest
; captured node that encloses a change. Comments are never slices (filtered in code).

; statement: a statement, a declaration, a case of a switch, a struct field, an #include.
[
  (expression_statement)
  (declaration)
  (return_statement)
  (if_statement)
  (for_statement)
  (while_statement)
  (do_statement)
  (switch_statement)
  (case_statement)
  (break_statement)
  (continue_statement)
  (goto_statement)
  (labeled_statement)
  (field_declaration)
  (enumerator)
  (preproc_include)
  (preproc_def)
  (preproc_function_def)
] @statement

; block: a brace-delimited compound statement.
(compound_statement) @block

; function: a function definition.
(function_definition) @function

; class: a struct, union or enum with a body.
(struct_specifier body: (_)) @class
(union_specifier body: (_)) @class
(enum_specifier body: (_)) @class
