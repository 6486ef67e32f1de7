namespace RnnGpu;

/// <summary>The device held by one thread for one operation (<see cref="ComputeDevice.Hold"/>); disposing it lets the next
/// thread in. The default value holds nothing.</summary>
internal readonly ref struct DeviceHold
{
    readonly object? sync;

    internal DeviceHold(object sync) => this.sync = sync;

    /// <summary>Holds <paramref name="device"/>, or nothing when it is null (the operation's own argument checks then throw).</summary>
    public static DeviceHold Of(ComputeDevice? device) => device is null ? default : device.Hold();

    /// <summary>Holds the device of <paramref name="tensor"/>, or nothing when it is null.</summary>
    public static DeviceHold Of(DeviceTensor? tensor) => Of(tensor?.Device);

    /// <summary>Holds the device of <paramref name="indices"/>, or nothing when it is null.</summary>
    public static DeviceHold Of(DeviceIndices? indices) => Of(indices?.Device);

    /// <summary>The device of the first parameter of a list, or null for none.</summary>
    public static ComputeDevice? DeviceOf(IEnumerable<Parameter>? parameters) => parameters?.FirstOrDefault()?.Value.Device;

    /// <summary>Releases the device.</summary>
    public void Dispose()
    {
        if (sync is not null)
            Monitor.Exit(sync);
    }
}
