using V6Ready.Bench;
using V6Ready.Java.Syntax;

// Java parse harness: the shared bench/common/ParseBench.cs with the project's Java parser (see ../run.sh).
return new ParseBench
{
    Name = "JavaParseHarness",
    Extension = ".java",
    Parse = src => Parser.ParseFile(src) is { Errors: var e } && e.Count > 0 ? new ParseOutcome(e.Count, e[0].Pos, e[0].Message) : default,
    FrontEnd = new V6Ready.Java.JavaFrontEnd(),
}.Run(args);
