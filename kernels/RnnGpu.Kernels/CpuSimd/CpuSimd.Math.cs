using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RnnGpu.Kernels;

internal static partial class CpuSimd
{
    // ---- Transcendental functions over 16 lanes for the cell epilogues (the scalar ones are CellMath's, which the
    // vector ones follow: exp by Cody-Waite range reduction and Cephes' degree-6 polynomial, about 1 ulp; tanh from exp
    // with the same odd polynomial below 1/8; sigmoid = 1 / (1 + exp(-x))).

    const float Log2E = 1.44269504088896341f;
    const float Ln2Hi = 0.693359375f;
    const float Ln2Lo = -2.12194440e-4f;
    const float ExpMax = 88.3762626647949f;
    const float ExpMin = -87.3365447504019f;

    /// <summary>exp(x) per lane, within about 1 ulp of float64 exp on [-87.3, 88.3]; inputs outside are clamped there
    /// (below: about 1e-38, effectively 0 for the cells; above: about 2.4e38).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> Exp(Vector512<float> x)
    {
        x = Vector512.Min(Vector512.Max(x, Vector512.Create(ExpMin)), Vector512.Create(ExpMax));
        var n = Vector512.Floor(Avx512F.FusedMultiplyAdd(x, Vector512.Create(Log2E), Vector512.Create(0.5f)));
        var r = Avx512F.FusedMultiplyAdd(n, Vector512.Create(-Ln2Hi), x);
        r = Avx512F.FusedMultiplyAdd(n, Vector512.Create(-Ln2Lo), r);
        var p = Vector512.Create(1.9875691500e-4f);
        p = Avx512F.FusedMultiplyAdd(p, r, Vector512.Create(1.3981999507e-3f));
        p = Avx512F.FusedMultiplyAdd(p, r, Vector512.Create(8.3334519073e-3f));
        p = Avx512F.FusedMultiplyAdd(p, r, Vector512.Create(4.1665795894e-2f));
        p = Avx512F.FusedMultiplyAdd(p, r, Vector512.Create(1.6666665459e-1f));
        p = Avx512F.FusedMultiplyAdd(p, r, Vector512.Create(5.0000001201e-1f));
        var y = Avx512F.FusedMultiplyAdd(p, r * r, r) + Vector512<float>.One;
        var scale = Vector512.ShiftLeft(Vector512.ConvertToInt32(n) + Vector512.Create(127), 23).AsSingle();
        return y * scale;
    }

    /// <summary>1 / (1 + exp(-x)) per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> Sigmoid(Vector512<float> x) => Vector512<float>.One / (Vector512<float>.One + Exp(-x));

    /// <summary>tanh(x) per lane, as <see cref="CellMath.Tanh"/>: an odd polynomial below |x| = 1/8, else
    /// sign(x) (1 - e) / (1 + e) with e = exp(-2|x|).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> Tanh(Vector512<float> x)
    {
        var a = Vector512.Abs(x);
        var x2 = x * x;
        var poly = Avx512F.FusedMultiplyAdd(x2, Vector512.Create(62f / 2835f), Vector512.Create(-17f / 315f));
        poly = Avx512F.FusedMultiplyAdd(x2, poly, Vector512.Create(2f / 15f));
        poly = Avx512F.FusedMultiplyAdd(x2, poly, Vector512.Create(-1f / 3f));
        poly = Avx512F.FusedMultiplyAdd(x * x2, poly, x);
        var e = Exp(a * Vector512.Create(-2f));
        var t = (Vector512<float>.One - e) / (Vector512<float>.One + e);
        t = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<float>.Zero), -t, t);
        return Vector512.ConditionalSelect(Vector512.LessThan(a, Vector512.Create(0.125f)), poly, t);
    }
}

internal static partial class CpuSimd
{
    // ---- The same functions over 8 lanes for the AVX2 tier (Vector256 with FMA).

    /// <summary>exp(x) per lane, as the 16-lane <see cref="Exp(Vector512{float})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> Exp(Vector256<float> x)
    {
        x = Vector256.Min(Vector256.Max(x, Vector256.Create(ExpMin)), Vector256.Create(ExpMax));
        var n = Vector256.Floor(Fma.MultiplyAdd(x, Vector256.Create(Log2E), Vector256.Create(0.5f)));
        var r = Fma.MultiplyAdd(n, Vector256.Create(-Ln2Hi), x);
        r = Fma.MultiplyAdd(n, Vector256.Create(-Ln2Lo), r);
        var p = Vector256.Create(1.9875691500e-4f);
        p = Fma.MultiplyAdd(p, r, Vector256.Create(1.3981999507e-3f));
        p = Fma.MultiplyAdd(p, r, Vector256.Create(8.3334519073e-3f));
        p = Fma.MultiplyAdd(p, r, Vector256.Create(4.1665795894e-2f));
        p = Fma.MultiplyAdd(p, r, Vector256.Create(1.6666665459e-1f));
        p = Fma.MultiplyAdd(p, r, Vector256.Create(5.0000001201e-1f));
        var y = Fma.MultiplyAdd(p, r * r, r) + Vector256<float>.One;
        var scale = Vector256.ShiftLeft(Vector256.ConvertToInt32(n) + Vector256.Create(127), 23).AsSingle();
        return y * scale;
    }

    /// <summary>1 / (1 + exp(-x)) per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> Sigmoid(Vector256<float> x) => Vector256<float>.One / (Vector256<float>.One + Exp(-x));

    /// <summary>tanh(x) per lane, as the 16-lane <see cref="Tanh(Vector512{float})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> Tanh(Vector256<float> x)
    {
        var a = Vector256.Abs(x);
        var x2 = x * x;
        var poly = Fma.MultiplyAdd(x2, Vector256.Create(62f / 2835f), Vector256.Create(-17f / 315f));
        poly = Fma.MultiplyAdd(x2, poly, Vector256.Create(2f / 15f));
        poly = Fma.MultiplyAdd(x2, poly, Vector256.Create(-1f / 3f));
        poly = Fma.MultiplyAdd(x * x2, poly, x);
        var e = Exp(a * Vector256.Create(-2f));
        var t = (Vector256<float>.One - e) / (Vector256<float>.One + e);
        t = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<float>.Zero), -t, t);
        return Vector256.ConditionalSelect(Vector256.LessThan(a, Vector256.Create(0.125f)), poly, t);
    }
}
