// Photo preparation: decode, downscale (longest side ≤ 1280 px), re-encode as JPEG.

const MAX_SIDE = 1280;
const JPEG_QUALITY = 0.85;
const MAX_BYTES = 1.5 * 1024 * 1024; // base64 grows it by a third; the server takes 4 MiB messages

/**
 * @param {Blob} file  an image picked with <input type=file>
 * @returns {Promise<{blob: Blob, base64: string, width: number, height: number}>}
 */
export async function preparePhoto(file) {
  // createImageBitmap applies the EXIF orientation, so phone photos are upright.
  const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  try {
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    const g = canvas.getContext("2d");
    g.fillStyle = "#fff"; // transparent PNGs become white, not black, in JPEG
    g.fillRect(0, 0, width, height);
    g.imageSmoothingQuality = "high";
    g.drawImage(bitmap, 0, 0, width, height);
    let blob = await encode(canvas, JPEG_QUALITY);
    // Very detailed photos: lower the quality until it fits well inside the server's message limit.
    for (let quality = 0.7; blob.size > MAX_BYTES && quality > 0.3; quality -= 0.15) {
      blob = await encode(canvas, quality);
    }
    return { blob, base64: await blobToBase64(blob), width, height };
  } finally {
    bitmap.close();
  }
}

function encode(canvas, quality) {
  return new Promise((resolve, reject) => {
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("JPEG encoding failed"))), "image/jpeg", quality);
  });
}

function blobToBase64(blob) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).split(",", 2)[1] || "");
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}
