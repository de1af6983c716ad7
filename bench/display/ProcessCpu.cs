using System.Globalization;

namespace HvWeb.Bench.Display;

/// <summary>CPU time (user + system) a process has used, from /proc.</summary>
internal static class ProcessCpu
{
    /// <summary>The process and every descendant still running (websockify serves each client in a child).</summary>
    public static TimeSpan OfTree(int pid)
    {
        var total = TimeSpan.Zero;
        foreach (var child in Descendants(pid).Append(pid))
        {
            try
            {
                total += Of(child);
            }
            catch (IOException)
            {
                // Gone meanwhile.
            }
        }

        return total;
    }

    private static IEnumerable<int> Descendants(int pid)
    {
        var children = new List<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var candidate))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                if (parent == pid)
                {
                    children.Add(candidate);
                }
            }
            catch (IOException)
            {
            }
        }

        return children.Concat(children.SelectMany(Descendants)).ToList();
    }

    public static TimeSpan Of(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }
}
