namespace HvWeb.Display.Input;

/// <summary>One key press to type a character: the physical key and whether Shift is held.</summary>
public readonly record struct KeyStroke(string Code, bool Shift);
