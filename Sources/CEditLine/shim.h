// libedit (BSD editline) through its GNU-readline-compatible API: line editing, history and completion for the
// query shell. Its settings are C globals; these functions set and read them so that Swift never touches shared
// mutable C state directly.
#include <stdio.h>
#include <stdlib.h>
#include <editline/readline.h>

typedef char **fn_completion_function(const char *text, int start, int end);

/// Completes with `function` only (never falls back to file names), words split at `breaks` (kept, not copied).
static inline void fn_editline_setup(fn_completion_function *function, const char *breaks) {
    rl_readline_name = "face-network";
    rl_attempted_completion_function = function;
    rl_basic_word_break_characters = breaks;
    rl_completer_quote_characters = "";
}

/// Called from the completion function: no file-name completion when it finds nothing.
static inline void fn_editline_completion_over(void) {
    rl_attempted_completion_over = 1;
}

/// The whole line being edited.
static inline const char *fn_editline_line(void) {
    return rl_line_buffer;
}
