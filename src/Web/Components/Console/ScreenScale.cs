namespace HvWeb.Web.Components.Console;

/// <summary>How the screen is sized in the page (the values are console.js's modes).</summary>
public static class ScreenScale
{
    public const string Fit = "fit";
    public const string Actual = "1";
    public const string Double = "2";
}
