/*
 * gccjit-dl.h — libgccjit, loaded when first needed (jitload.c).
 *
 * pgc links no libgccjit: `pgc check` and the other commands would pay
 * for loading it in every run (about 10 MB of memory and most of the
 * start-up time: 118,000 relocations, bench/README.md), and pgc could not
 * even start on a machine without it.  jit.c and build.c include this
 * header instead of <libgccjit.h> directly: every libgccjit function they
 * call is a pointer, filled by jit_load() from dlopen("libgccjit.so.0").
 * A function used here must be in the list below.
 */
#ifndef PGC_GCCJIT_DL_H
#define PGC_GCCJIT_DL_H

#include <libgccjit.h>
#include <stdbool.h>

#define PGC_GCCJIT_FUNCTIONS(X) \
    X(gcc_jit_block_add_assignment) \
    X(gcc_jit_block_add_assignment_op) \
    X(gcc_jit_block_end_with_conditional) \
    X(gcc_jit_block_end_with_jump) \
    X(gcc_jit_block_end_with_return) \
    X(gcc_jit_block_end_with_switch) \
    X(gcc_jit_context_acquire) \
    X(gcc_jit_context_add_driver_option) \
    X(gcc_jit_context_compile) \
    X(gcc_jit_context_compile_to_file) \
    X(gcc_jit_context_dump_to_file) \
    X(gcc_jit_context_get_first_error) \
    X(gcc_jit_context_get_type) \
    X(gcc_jit_context_new_array_access) \
    X(gcc_jit_context_new_array_type) \
    X(gcc_jit_context_new_binary_op) \
    X(gcc_jit_context_new_call) \
    X(gcc_jit_context_new_case) \
    X(gcc_jit_context_new_cast) \
    X(gcc_jit_context_new_comparison) \
    X(gcc_jit_context_new_field) \
    X(gcc_jit_context_new_function) \
    X(gcc_jit_context_new_function_ptr_type) \
    X(gcc_jit_context_new_global) \
    X(gcc_jit_context_new_param) \
    X(gcc_jit_context_new_rvalue_from_int) \
    X(gcc_jit_context_new_rvalue_from_long) \
    X(gcc_jit_context_new_struct_type) \
    X(gcc_jit_context_new_unary_op) \
    X(gcc_jit_context_one) \
    X(gcc_jit_context_release) \
    X(gcc_jit_context_set_bool_allow_unreachable_blocks) \
    X(gcc_jit_context_set_bool_print_errors_to_stderr) \
    X(gcc_jit_context_set_int_option) \
    X(gcc_jit_context_zero) \
    X(gcc_jit_function_get_address) \
    X(gcc_jit_function_new_block) \
    X(gcc_jit_function_new_local) \
    X(gcc_jit_lvalue_as_rvalue) \
    X(gcc_jit_lvalue_get_address) \
    X(gcc_jit_param_as_rvalue) \
    X(gcc_jit_result_get_code) \
    X(gcc_jit_result_release) \
    X(gcc_jit_rvalue_dereference) \
    X(gcc_jit_rvalue_dereference_field) \
    X(gcc_jit_struct_as_type) \
    X(gcc_jit_type_get_const) \
    X(gcc_jit_type_get_pointer)

#define X(f) extern __typeof__(f) *pgc_##f;
PGC_GCCJIT_FUNCTIONS(X)
#undef X

/* Loads libgccjit once; false with a message (naming the Debian package
 * to install) in *why when it cannot be loaded. */
bool jit_load(const char **why);

#ifndef PGC_GCCJIT_DL_IMPL
#define gcc_jit_block_add_assignment pgc_gcc_jit_block_add_assignment
#define gcc_jit_block_add_assignment_op pgc_gcc_jit_block_add_assignment_op
#define gcc_jit_block_end_with_conditional pgc_gcc_jit_block_end_with_conditional
#define gcc_jit_block_end_with_jump pgc_gcc_jit_block_end_with_jump
#define gcc_jit_block_end_with_return pgc_gcc_jit_block_end_with_return
#define gcc_jit_block_end_with_switch pgc_gcc_jit_block_end_with_switch
#define gcc_jit_context_acquire pgc_gcc_jit_context_acquire
#define gcc_jit_context_add_driver_option pgc_gcc_jit_context_add_driver_option
#define gcc_jit_context_compile pgc_gcc_jit_context_compile
#define gcc_jit_context_compile_to_file pgc_gcc_jit_context_compile_to_file
#define gcc_jit_context_dump_to_file pgc_gcc_jit_context_dump_to_file
#define gcc_jit_context_get_first_error pgc_gcc_jit_context_get_first_error
#define gcc_jit_context_get_type pgc_gcc_jit_context_get_type
#define gcc_jit_context_new_array_access pgc_gcc_jit_context_new_array_access
#define gcc_jit_context_new_array_type pgc_gcc_jit_context_new_array_type
#define gcc_jit_context_new_binary_op pgc_gcc_jit_context_new_binary_op
#define gcc_jit_context_new_call pgc_gcc_jit_context_new_call
#define gcc_jit_context_new_case pgc_gcc_jit_context_new_case
#define gcc_jit_context_new_cast pgc_gcc_jit_context_new_cast
#define gcc_jit_context_new_comparison pgc_gcc_jit_context_new_comparison
#define gcc_jit_context_new_field pgc_gcc_jit_context_new_field
#define gcc_jit_context_new_function pgc_gcc_jit_context_new_function
#define gcc_jit_context_new_function_ptr_type pgc_gcc_jit_context_new_function_ptr_type
#define gcc_jit_context_new_global pgc_gcc_jit_context_new_global
#define gcc_jit_context_new_param pgc_gcc_jit_context_new_param
#define gcc_jit_context_new_rvalue_from_int pgc_gcc_jit_context_new_rvalue_from_int
#define gcc_jit_context_new_rvalue_from_long pgc_gcc_jit_context_new_rvalue_from_long
#define gcc_jit_context_new_struct_type pgc_gcc_jit_context_new_struct_type
#define gcc_jit_context_new_unary_op pgc_gcc_jit_context_new_unary_op
#define gcc_jit_context_one pgc_gcc_jit_context_one
#define gcc_jit_context_release pgc_gcc_jit_context_release
#define gcc_jit_context_set_bool_allow_unreachable_blocks pgc_gcc_jit_context_set_bool_allow_unreachable_blocks
#define gcc_jit_context_set_bool_print_errors_to_stderr pgc_gcc_jit_context_set_bool_print_errors_to_stderr
#define gcc_jit_context_set_int_option pgc_gcc_jit_context_set_int_option
#define gcc_jit_context_zero pgc_gcc_jit_context_zero
#define gcc_jit_function_get_address pgc_gcc_jit_function_get_address
#define gcc_jit_function_new_block pgc_gcc_jit_function_new_block
#define gcc_jit_function_new_local pgc_gcc_jit_function_new_local
#define gcc_jit_lvalue_as_rvalue pgc_gcc_jit_lvalue_as_rvalue
#define gcc_jit_lvalue_get_address pgc_gcc_jit_lvalue_get_address
#define gcc_jit_param_as_rvalue pgc_gcc_jit_param_as_rvalue
#define gcc_jit_result_get_code pgc_gcc_jit_result_get_code
#define gcc_jit_result_release pgc_gcc_jit_result_release
#define gcc_jit_rvalue_dereference pgc_gcc_jit_rvalue_dereference
#define gcc_jit_rvalue_dereference_field pgc_gcc_jit_rvalue_dereference_field
#define gcc_jit_struct_as_type pgc_gcc_jit_struct_as_type
#define gcc_jit_type_get_const pgc_gcc_jit_type_get_const
#define gcc_jit_type_get_pointer pgc_gcc_jit_type_get_pointer
#endif

#endif /* PGC_GCCJIT_DL_H */
