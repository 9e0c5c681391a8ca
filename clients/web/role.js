// Who this device is (GET /api/me): an elder's phone talks; a family member's phone opens the family view.

/** The `/api/me` answer for `token`, or null (not paired, revoked, offline, or no API). */
export async function whoAmI(token) {
  if (!token) return null;
  try {
    const response = await fetch(new URL("api/me", window.location.href), {
      headers: { Authorization: `Bearer ${token}` },
      cache: "no-store",
    });
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
}
