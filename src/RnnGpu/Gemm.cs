using ILGPU;
using ILGPU.Runtime;
using RnnGpu.Kernels;

namespace RnnGpu;

/// <summary>A row-major matrix in device memory: a view and its (rows, cols); the row stride is <see cref="Ld"/>, cols
/// unless the matrix is a block of columns of a wider one (<see cref="Columns"/>).</summary>
/// <param name="Data">The matrix, from its first element.</param>
/// <param name="Rows">Rows.</param>
/// <param name="Cols">Columns.</param>
internal readonly record struct Mat(ArrayView<float> Data, int Rows, int Cols)
{
    /// <summary>Row stride (leading dimension).</summary>
    public int Ld { get; init; } = Cols;

    /// <summary>Columns [first, first + count) of this matrix, with its row stride.</summary>
    public Mat Columns(int first, int count)
    {
        if (first < 0 || count <= 0 || first + count > Cols)
            throw new InvalidOperationException($"Columns [{first}, {first + count}) of a {ShapeText} matrix.");
        return new Mat(Data.SubView(first, (long)(Rows - 1) * Ld + count), Rows, count) { Ld = Ld };
    }

    /// <summary>Rows [first, first + count) of this matrix.</summary>
    public Mat RowBlock(int first, int count)
    {
        if (first < 0 || count <= 0 || first + count > Rows)
            throw new InvalidOperationException($"Rows [{first}, {first + count}) of a {ShapeText} matrix.");
        return new Mat(Data.SubView((long)first * Ld, (long)(count - 1) * Ld + Cols), count, Cols) { Ld = Ld };
    }

    /// <summary>The first rows * cols floats of a tensor as a (rows, cols) matrix.</summary>
    public static Mat Of(DeviceTensor t, int rows, int cols) => Of(t.View, rows, cols);

    /// <summary>A view as a (rows, cols) matrix.</summary>
    public static Mat Of(ArrayView<float> v, int rows, int cols)
    {
        if (v.Length < (long)rows * cols)
            throw new InvalidOperationException($"A ({rows}, {cols}) matrix needs {(long)rows * cols} floats, the view has {v.Length}.");
        return new Mat(v, rows, cols);
    }

    public string ShapeText => $"({Rows}, {Cols})";
}

/// <summary>
/// Named GEMMs over <see cref="Mat"/>s, so callers say what they mean (<c>Gemm.AtB(dG, X, dW, accumulate: true)</c>)
/// instead of building positional <see cref="GemmArgs"/>. Shapes are checked (a mismatch is a bug in RnnGpu, not a user
/// error: the public entry points validate first). The variant is the device policy's.
/// </summary>
internal static class Gemm
{
    /// <summary>C (M, N) = A (M, K) B (K, N) [+ bias (N)] [+ C when accumulating].</summary>
    public static void AB(KernelSet k, Mat a, Mat b, Mat c, bool accumulate = false, ArrayView<float>? bias = null)
    {
        k.Gemm(a.Data, b.Data, c.Data, bias ?? c.Data.SubView(0, 1), ArgsAB(a, b, c, accumulate, bias is not null));
    }

    /// <summary><see cref="AB"/> on the calling thread (the CPU accelerator's small streaming steps; the same bits).</summary>
    public static void ABOnCallingThread(KernelSet k, Mat a, Mat b, Mat c, ArrayView<float>? bias = null) =>
        k.GemmOnCallingThread(a.Data, b.Data, c.Data, bias ?? c.Data.SubView(0, 1), ArgsAB(a, b, c, false, bias is not null));

    static GemmArgs ArgsAB(Mat a, Mat b, Mat c, bool accumulate, bool hasBias)
    {
        Require(a.Cols == b.Rows && c.Rows == a.Rows && c.Cols == b.Cols, "A B", a, b, c);
        return new GemmArgs(a.Rows, b.Cols, a.Cols, false, a.Ld, false, b.Ld, c.Ld, 1f, accumulate ? 1f : 0f, hasBias);
    }

    /// <summary>C (M, N) = A (M, K) B^T, B stored (N, K) [+ bias (N)] [+ C when accumulating].</summary>
    public static void ABt(KernelSet k, Mat a, Mat b, Mat c, bool accumulate = false, ArrayView<float>? bias = null)
    {
        Require(a.Cols == b.Cols && c.Rows == a.Rows && c.Cols == b.Rows, "A B^T", a, b, c);
        k.Gemm(a.Data, b.Data, c.Data, bias ?? c.Data.SubView(0, 1),
            new GemmArgs(a.Rows, b.Rows, a.Cols, false, a.Ld, true, b.Ld, c.Ld, 1f, accumulate ? 1f : 0f, bias is not null));
    }

    /// <summary>C (M, N) = A^T B, A stored (K, M), B (K, N) [+ C when accumulating]: the weight-gradient shape
    /// (dW += dG^T X summed over all T*B rows).</summary>
    public static void AtB(KernelSet k, Mat a, Mat b, Mat c, bool accumulate = false)
    {
        Require(a.Rows == b.Rows && c.Rows == a.Cols && c.Cols == b.Cols, "A^T B", a, b, c);
        k.Gemm(a.Data, b.Data, c.Data, c.Data.SubView(0, 1),
            new GemmArgs(a.Cols, b.Cols, a.Rows, true, a.Ld, false, b.Ld, c.Ld, 1f, accumulate ? 1f : 0f, false));
    }

    static void Require(bool ok, string op, Mat a, Mat b, Mat c)
    {
        if (!ok)
            throw new InvalidOperationException($"GEMM {op}: A {a.ShapeText}, B {b.ShapeText} and C {c.ShapeText} do not fit.");
    }
}
