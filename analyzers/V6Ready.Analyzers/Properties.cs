using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("V6Ready.CodeFixes")]
[assembly: InternalsVisibleTo("V6Ready.Analyzers.Tests")]
