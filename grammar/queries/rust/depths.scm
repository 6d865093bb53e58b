; Syntactic depths for Rust. Each capture names a depth; a slice at that depth is the smallest
; captured node that encloses a change. Comments are never slices (filtered in code).

; statement: one statement of a block, or one item-like line outside functions.
(block (_) @statement)
(match_arm) @statement
(field_declaration) @statement
(enum_variant) @statement
[
  (use_declaration)
  (const_item)
  (static_item)
  (type_item)
  (extern_crate_declaration)
  (macro_invocation)
  (attribute_item)
] @statement

; block: a brace-delimited body of code.
[
  (block)
  (match_block)
] @block

; function: a function or method, with its signature.
[
  (function_item)
  (function_signature_item)
  (macro_definition)
] @function

; class: a type or trait definition, an impl, or an inline module.
[
  (struct_item)
  (enum_item)
  (union_item)
  (trait_item)
  (impl_item)
] @class
(mod_item body: (declaration_list)) @class
