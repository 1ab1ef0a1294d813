using V6Ready.Bench;
using V6Ready.Go.Syntax;

// Go parse harness: the shared bench/common/ParseBench.cs with the project's Go parser (see ../run.sh).
// --phases also times lexing alone and the parse without parent links.
return new ParseBench
{
    Name = "GoParseHarness",
    Extension = ".go",
    Parse = src => Parser.ParseFile(src) is { Errors: var e } && e.Count > 0 ? new ParseOutcome(e.Count, e[0].Pos, e[0].Message) : default,
    FrontEnd = new V6Ready.Go.GoFrontEnd(),
    Phases = new (string, Action<string>)[]
    {
        ("lex", src => Lexer.Tokenize(src, out _, out _)),
        ("parse_without_parent_links", src => Parser.ParseFile(src, setParents: false)),
    },
}.Run(args);
