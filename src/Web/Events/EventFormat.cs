using System.Globalization;
using HvWeb.Engine.Events;
using MudBlazor;

namespace HvWeb.Web.Events;

/// <summary>How events read on the page: Event Viewer's level icons and colours, times in UTC.</summary>
public static class EventFormat
{
    /// <summary>Times on pages: UTC (the server cannot know the browser's zone), to the second.</summary>
    public const string TimeFormat = "yyyy-MM-dd HH:mm:ss";

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static string LevelIcon(EventLevel level) => level switch
    {
        EventLevel.Information => Icons.Material.Filled.Info,
        EventLevel.Warning => Icons.Material.Filled.Warning,
        EventLevel.Error => Icons.Material.Filled.Error,
    };

    public static Color LevelColor(EventLevel level) => level switch
    {
        EventLevel.Information => Color.Info,
        EventLevel.Warning => Color.Warning,
        EventLevel.Error => Color.Error,
    };
}
