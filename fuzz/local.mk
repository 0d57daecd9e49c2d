# fuzz/local.mk — `make fuzz`: libFuzzer harnesses for the front end, the
# importer, the actuals reader and the back end's three engines (included
# from Makefile.am).
#
# The harnesses are built with clang (configure looks for clang-14 or
# clang that links -fsanitize=fuzzer; FUZZ_CC overrides it), not with the
# build's compiler, so the rules are written out here: every library
# source but jit.c, jitload.c and build.c (a stub stands in for them: no
# libgccjit in the fuzz build) and rtmain.c is compiled into fuzz/obj/
# with ASan, UBSan and the fuzzer's coverage instrumentation.  fuzz-engines
# alone has the real jit.c and jitload.c (libgccjit dlopened, its header
# from gcc's include directory, after clang's own).  Each harness then runs FUZZ_TIME seconds
# (default 60), one after the other, on one core: fuzz/run.sh.
#
#   make fuzz                      build and run all three
#   make fuzz FUZZ_TIME=600        longer
#   make fuzz FUZZ_HARNESSES=fuzz-pg
#   make fuzz-build                only build them

FUZZ_TIME = 60
FUZZ_HARNESSES = fuzz-pg fuzz-import fuzz-office fuzz-csv fuzz-engines fuzz-lsp
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS = -g -O2 -fno-omit-frame-pointer $(FUZZ_SAN) -std=c11 -D_POSIX_C_SOURCE=200809L \
	-I$(srcdir)/src -I$(srcdir)/src/rt -I$(builddir)/grammar -I$(srcdir)/grammar -I$(srcdir)/fuzz -I$(builddir) \
	-DLOCALEDIR='"$(localedir)"' $(XLSXWRITER_CFLAGS)
FUZZ_LIB = die cli progress arena buf escape strmap decimal rat utf8 source out diag domain ast value decode text \
	csv stdlook actuals bind interp jitrun dash report monitor score serial sha256 timing parse stdlib check check-cmd parts \
	fmt render lower eval monitor-cmd xlsx import cells head table target selfeval office numfmt xlsxtpl
# the language server's parts, for fuzz-lsp alone
FUZZ_LSP = pos rpc analysis outline features server
FUZZ_OBJS = $(FUZZ_LIB:%=fuzz/obj/%.o) fuzz/obj/parser.o fuzz/obj/lexer.o \
	fuzz/obj/stdlib-data.o fuzz/obj/gb18030-table.o fuzz/obj/jit-stub.o
FUZZ_DEPS = $(srcdir)/src/pgc.h $(srcdir)/src/parse.h $(srcdir)/src/rt/rt.h $(srcdir)/src/rt/diagcodes.def \
	$(srcdir)/src/import/import.h \
	$(srcdir)/fuzz/fuzz.h grammar/parser.h grammar/lexer.h
FUZZ_EXAMPLES = $(wildcard $(srcdir)/examples/*.pg)
FUZZ_COMPILE = $(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<
FUZZ_LINK = $(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ $(UTF8PROC_LIBS) $(OFFICE_LIBS)

EXTRA_DIST += fuzz/README.md fuzz/fuzz.h fuzz/fuzz-pg.c fuzz/fuzz-import.c fuzz/fuzz-office.c fuzz/fuzz-csv.c fuzz/fuzz-engines.c \
	fuzz/fuzz-lsp.c fuzz/jit-stub.c fuzz/seed.sh fuzz/run.sh fuzz/regressions

fuzz/obj/%.o: src/%.c $(FUZZ_DEPS)
	@$(MKDIR_P) fuzz/obj
	$(AM_V_CC)$(FUZZ_COMPILE)
fuzz/obj/%.o: src/rt/%.c $(FUZZ_DEPS)
	@$(MKDIR_P) fuzz/obj
	$(AM_V_CC)$(FUZZ_COMPILE) $(OFFICE_CFLAGS)
fuzz/obj/%.o: src/lsp/%.c $(FUZZ_DEPS) $(srcdir)/src/lsp/lsp.h
	@$(MKDIR_P) fuzz/obj
	$(AM_V_CC)$(FUZZ_COMPILE) $(JANSSON_CFLAGS) -I$(srcdir)/src/lsp -DPGC_DOCDIR='"$(docdir)"' -DPGC_SRCDIR='"$(abs_srcdir)"'
fuzz/obj/fuzz-lsp.o: fuzz/fuzz-lsp.c $(FUZZ_DEPS) $(srcdir)/src/lsp/lsp.h
	@$(MKDIR_P) fuzz/obj
	$(AM_V_CC)$(FUZZ_COMPILE) $(JANSSON_CFLAGS) -I$(srcdir)/src/lsp
fuzz/obj/%.o: src/import/%.c $(FUZZ_DEPS)
	@$(MKDIR_P) fuzz/obj
	$(AM_V_CC)$(FUZZ_COMPILE)
# flex's and bison's table-driven code: no comparison tracing (a third of
# the time, and their comparisons are with table entries, not with words)
fuzz/obj/%.o: grammar/%.c $(FUZZ_DEPS)
	@$(MKDIR_P) fuzz/obj
	$(AM_V_CC)$(FUZZ_COMPILE) -fno-sanitize-coverage=trace-cmp
fuzz/obj/%.o: fuzz/%.c $(FUZZ_DEPS)
	@$(MKDIR_P) fuzz/obj
	$(AM_V_CC)$(FUZZ_COMPILE)

# the seven examples built into fuzz-csv, as the stdlib is into pgc
fuzz/examples-data.c: $(FUZZ_EXAMPLES) $(srcdir)/tools/embed-stdlib.sh
	@$(MKDIR_P) fuzz
	$(AM_V_GEN)$(SHELL) $(srcdir)/tools/embed-stdlib.sh $(FUZZ_EXAMPLES) | \
	sed 's/std_embedded/fuzz_examples/g; s/std_nembedded/fuzz_nexamples/g' > $@.tmp && mv $@.tmp $@

# the words of the language, for fuzz-pg: libFuzzer's -dict (which wants
# bytes above 0x7F written as \xNN)
fuzz/pg.dict: $(srcdir)/grammar/keywords.def
	@$(MKDIR_P) fuzz
	$(AM_V_GEN){ sed -n 's/^KEYWORD("\([^"]*\)".*/\1/p' $(srcdir)/grammar/keywords.def; \
	  grep -o 'OPERATOR("[^"]*"' $(srcdir)/grammar/keywords.def | sed 's/OPERATOR("//; s/"$$//'; } | \
	LC_ALL=C sort -u | LC_ALL=C awk 'BEGIN { for (i = 1; i < 256; i++) ord[sprintf("%c", i)] = i } \
	  { s = ""; for (i = 1; i <= length($$0); i++) { c = substr($$0, i, 1); \
	    s = s (ord[c] > 126 || c == "\\" || c == "\"" ? sprintf("\\x%02X", ord[c]) : c) }; \
	    print "\"" s "\"" }' > $@.tmp && mv $@.tmp $@

fuzz/fuzz-pg: fuzz/obj/fuzz-pg.o $(FUZZ_OBJS)
	$(AM_V_CCLD)$(FUZZ_LINK)
fuzz/fuzz-import: fuzz/obj/fuzz-import.o $(FUZZ_OBJS)
	$(AM_V_CCLD)$(FUZZ_LINK)
# (zlib's crc32 for the stored archives it writes)
fuzz/fuzz-office: fuzz/obj/fuzz-office.o $(FUZZ_OBJS)
	$(AM_V_CCLD)$(FUZZ_LINK) -lz
fuzz/fuzz-lsp: fuzz/obj/fuzz-lsp.o $(FUZZ_LSP:%=fuzz/obj/%.o) $(FUZZ_OBJS)
	$(AM_V_CCLD)$(FUZZ_LINK) $(JANSSON_LIBS)
fuzz/fuzz-csv: fuzz/obj/fuzz-csv.o fuzz/obj/examples-data.o $(FUZZ_OBJS)
	$(AM_V_CCLD)$(FUZZ_LINK)
# the real JIT: jit.c with libgccjit.h, which lives in gcc's own include
# directory (searched after clang's, so that clang's stddef.h wins)
FUZZ_JIT_CFLAGS = $(GCCJIT_CFLAGS) -idirafter $(shell $(CC) -print-file-name=include)
fuzz/obj/jit.o: src/jit.c $(FUZZ_DEPS) $(srcdir)/src/gccjit-dl.h
	@$(MKDIR_P) fuzz/obj
	$(AM_V_CC)$(FUZZ_COMPILE) $(FUZZ_JIT_CFLAGS)
fuzz/obj/jitload.o: src/jitload.c $(FUZZ_DEPS) $(srcdir)/src/gccjit-dl.h
	@$(MKDIR_P) fuzz/obj
	$(AM_V_CC)$(FUZZ_COMPILE) $(FUZZ_JIT_CFLAGS)
fuzz/fuzz-engines: fuzz/obj/fuzz-engines.o $(filter-out fuzz/obj/jit-stub.o,$(FUZZ_OBJS)) fuzz/obj/jit.o \
		fuzz/obj/jitload.o
	$(AM_V_CCLD)$(FUZZ_LINK) $(LIBS)

fuzz-check-cc:
	@if test "$(HAVE_LIBFUZZER)" != yes; then \
	    echo "make fuzz: no clang with libFuzzer was found by configure" \
	         "(FUZZ_CC='$(FUZZ_CC)')." >&2; \
	    echo "make fuzz: on Debian 12: apt-get install clang-14 libclang-rt-14-dev," \
	         "then run configure again (or give it FUZZ_CC=/path/to/clang)." >&2; \
	    exit 1; \
	fi

fuzz-build: fuzz-check-cc
	@$(MAKE) $(AM_MAKEFLAGS) --no-print-directory $(FUZZ_HARNESSES:%=fuzz/%) fuzz/pg.dict

fuzz: fuzz-build
	@status=0; for h in $(FUZZ_HARNESSES); do \
	    $(SHELL) $(srcdir)/fuzz/run.sh $$h $(FUZZ_TIME) $(srcdir) || status=1; \
	done; exit $$status

clean-local: fuzz-clean
fuzz-clean:
	rm -rf fuzz/obj fuzz/seeds fuzz/examples-data.c fuzz/pg.dict fuzz/*.log \
	    $(FUZZ_HARNESSES:%=fuzz/%)
distclean-local:
	rm -rf fuzz/corpus fuzz/artifacts

.PHONY: fuzz fuzz-build fuzz-check-cc fuzz-clean
