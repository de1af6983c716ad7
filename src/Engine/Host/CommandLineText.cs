namespace HvWeb.Engine.Host;

/// <summary>A command line as one readable string, for logs only (never run through a shell).</summary>
internal static class CommandLineText
{
    public static string Format(IEnumerable<string> commandLine) =>
        string.Join(' ', commandLine.Select(Quote));

    private static string Quote(string argument) =>
        argument.Length > 0 && !argument.Any(c => char.IsWhiteSpace(c) || c is '\'' || c is '"' || c is '\\' || c is '$')
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
