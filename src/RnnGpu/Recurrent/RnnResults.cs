namespace RnnGpu;


/// <summary>Result of <see cref="RecurrentLayer.Forward"/>; the caller owns (and disposes) the tensors.</summary>
public sealed class RnnOutput : IDisposable
{
    internal RnnOutput(DeviceTensor output, DeviceTensor hN, DeviceTensor? cN)
    {
        Output = output;
        HN = hN;
        CN = cN;
    }

    /// <summary>Output (T, B, D*R), or (B, T, D*R) with batch-first; zero past each sequence's length.</summary>
    public DeviceTensor Output { get; }

    /// <summary>Final hidden states (L*D, B, R) (R = ProjSize when set, else H), each sequence's state at its own last step.</summary>
    public DeviceTensor HN { get; }

    /// <summary>Final cell states (L*D, B, H) for LSTM, else null.</summary>
    public DeviceTensor? CN { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Output.Dispose();
        HN.Dispose();
        CN?.Dispose();
    }
}

/// <summary>Input gradients of <see cref="RecurrentLayer.Backward"/>; the caller owns the tensors.</summary>
public sealed class RnnInputGradients : IDisposable
{
    internal RnnInputGradients(DeviceTensor dInput, DeviceTensor dH0, DeviceTensor? dC0)
    {
        DInput = dInput;
        DH0 = dH0;
        DC0 = dC0;
    }

    /// <summary>dL/dinput, shaped like the input.</summary>
    public DeviceTensor DInput { get; }

    /// <summary>dL/dh0 (L*D, B, R).</summary>
    public DeviceTensor DH0 { get; }

    /// <summary>dL/dc0 (L*D, B, H) for LSTM, else null.</summary>
    public DeviceTensor? DC0 { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        DInput.Dispose();
        DH0.Dispose();
        DC0?.Dispose();
    }
}

