namespace HvWeb.Engine.Model;

/// <summary>qcow2 disk types: fixed = fully preallocated, dynamic = sparse (dynamically expanding).</summary>
public enum NewDiskType
{
    Dynamic,
    Fixed,
}
