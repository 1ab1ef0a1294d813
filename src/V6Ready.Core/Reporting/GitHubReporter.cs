using System.Text;
using V6Ready.Rules;

namespace V6Ready.Core.Reporting;

/// <summary>GitHub Actions workflow commands: <c>::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=V6001::message</c>.</summary>
public sealed class GitHubReporter : IReporter
{
    public string Format => "github";

    public void Write(ScanReport report, TextWriter writer)
    {
        foreach (var f in report.Findings)
        {
            var command = f.Severity switch
            {
                RuleSeverity.Error => "error",
                RuleSeverity.Warning => "warning",
                _ => "notice",
            };
            var props = new StringBuilder();
            props.Append("file=").Append(EscapeProperty(f.Path));
            if (f.Line > 0)
            {
                props.Append(",line=").Append(f.Line);
                if (f.Column > 0) props.Append(",col=").Append(f.Column);
                if (f.EndLine > 0) props.Append(",endLine=").Append(f.EndLine);
                if (f.EndColumn > 0) props.Append(",endColumn=").Append(f.EndColumn);
            }
            props.Append(",title=").Append(EscapeProperty(f.RuleId));
            writer.Write("::" + command + " " + props + "::" + EscapeData(f.Message) + "\n");
        }
        foreach (var e in report.ParseErrors)
            writer.Write("::notice file=" + EscapeProperty(e.Path) + (e.Line > 0 ? ",line=" + e.Line : "") + ",title=parse error::" + EscapeData(e.Message) + "\n");
    }

    /// <summary>Escapes a workflow command message: %, CR, LF; other control characters (ESC …) are shown as <c>\xNN</c>.</summary>
    public static string EscapeData(string s) => TerminalText.Escape(s.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A"));

    /// <summary>Escapes a workflow command property value: %, CR, LF, ':' and ','.</summary>
    public static string EscapeProperty(string s) => EscapeData(s).Replace(":", "%3A").Replace(",", "%2C");
}
