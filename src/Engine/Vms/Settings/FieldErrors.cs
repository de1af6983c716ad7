using HvWeb.Engine.Errors;

namespace HvWeb.Engine.Vms.Settings;

/// <summary>Problems collected field by field (camelCase names as in the API, e.g. "networkAdapters[0].vlanId").</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public int Count => _errors.Count;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        if (!list.Contains(message))
        {
            list.Add(message);
        }
    }

    public bool Has(string field) => _errors.ContainsKey(field);

    public IReadOnlyDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new VmValidationException(ToDictionary());
        }
    }
}
